import { z } from 'zod';

/**
 * 观众提问: a broadcast's viewer asks the teacher a question. Nobody but the
 * teacher reads it until she chooses to show it (moderated): a thousand
 * viewers must not be able to put words on every classroom's screen.
 */
export interface ViewerQuestion {
  id: string;
  /** The viewer's participant id, so the teacher's list can tell one asker's questions apart. */
  askerId: string;
  askerName: string;
  text: string;
  askedAt: number;
}

/** Everything of the questions a page needs when it (re)joins; `waiting` is the teacher's only (empty for everyone else). */
export interface QuestionsView {
  /** Whether viewers may ask now (the teacher's switch; closed until she opens it). */
  open: boolean;
  /** The question on every screen now, if the teacher chose one. */
  shown: ViewerQuestion | null;
  waiting: ViewerQuestion[];
}

/** Longest question, in characters: a sentence or two, read out in class. */
export const MAX_QUESTION_LENGTH = 200;
/** Questions waiting for the teacher at once; past this a viewer is told to wait (the teacher cannot read more in a lesson). */
export const MAX_WAITING_QUESTIONS = 200;

export const questionTextSchema = z.string().trim().min(1, 'empty question').max(MAX_QUESTION_LENGTH, `at most ${MAX_QUESTION_LENGTH} characters`);

export const viewerQuestionSchema = z.object({
  id: z.string(),
  askerId: z.string(),
  askerName: z.string(),
  text: z.string(),
  askedAt: z.number(),
}) satisfies z.ZodType<ViewerQuestion>;
