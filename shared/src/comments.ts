import { z } from 'zod';

/*
 * 评课意见: what observers write about a lesson, live or while watching its
 * replay, each stamped with the moment of the lesson it is about. `at` is
 * wall-clock ms (one clock for live comments, recordings and the stage
 * log); `lessonMs` is the same moment counted from 开始上课, for people.
 */
export const MAX_COMMENT_LENGTH = 1000;

export interface LessonComment {
  id: string;
  lessonId: string;
  authorName: string;
  /** The moment of the lesson it is about (wall-clock ms). */
  at: number;
  /** That moment from the lesson's first 开始上课; null for a moment before it. */
  lessonMs: number | null;
  text: string;
  /** Written during the lesson, or while watching its replay. */
  during: 'live' | 'replay';
  createdAt: number;
}

export const lessonCommentSchema = z.object({
  id: z.string(),
  lessonId: z.string(),
  authorName: z.string(),
  at: z.number(),
  lessonMs: z.number().nullable(),
  text: z.string(),
  during: z.enum(['live', 'replay']),
  createdAt: z.number(),
}) satisfies z.ZodType<LessonComment>;

const commentText = z.string().trim().min(1).max(MAX_COMMENT_LENGTH);

/** A live comment: stamped by the server with the moment it arrives. */
export const addCommentRequest = z.object({ type: z.literal('addComment'), text: commentText }).strict();
/** The teacher chooses to see comments as they come (off: she reads them after the lesson). */
export const setCommentsLiveRequest = z.object({ type: z.literal('setCommentsLive'), live: z.boolean() }).strict();

/** A comment on the replay: the moment is the replay's position, as wall-clock ms of the lesson. */
export const newReplayCommentSchema = z.object({ text: commentText, at: z.number().int().positive() }).strict();
export type NewReplayComment = z.infer<typeof newReplayCommentSchema>;
