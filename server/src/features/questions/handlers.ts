import { randomUUID } from 'node:crypto';
import { ErrorCode, LessonError } from '@shared';
import type { Handler } from '../context.js';
import { RateLimit } from '../../lesson/RateLimit.js';

/** Per viewer: two questions at once, then one every fifteen seconds; a lesson has room for a few questions, not a chat. */
const askerLimits = new WeakMap<object, RateLimit>();
/** The last question's time: each gets a later one, so the teacher's list (oldest first) keeps the order they came in. */
let lastAskedAt = 0;

/**
 * 观众提问: a viewer's question goes to the teacher alone. Stored before it
 * is acknowledged, so a question the viewer was told had arrived survives a
 * server restart; shown to nobody else until the teacher picks it.
 */
export const askQuestion: Handler<'askQuestion'> = async (request, session, services) => {
  const { lesson, participant } = session.joined();
  const lessonId = lesson.record.id;
  if (!(await services.questions.isOpen(lessonId))) throw new LessonError(ErrorCode.QuestionsClosed, 'the teacher is not taking questions now');
  let limit = askerLimits.get(participant);
  if (!limit) askerLimits.set(participant, (limit = new RateLimit(1 / 15, 2)));
  if (!limit.take()) throw new LessonError(ErrorCode.RateLimited, 'one question every fifteen seconds; wait a moment');
  const question = { id: randomUUID(), askerId: participant.id, askerName: participant.view.name, text: request.text, askedAt: (lastAskedAt = Math.max(Date.now(), lastAskedAt + 1)) };
  if (!(await services.questions.ask(lessonId, question))) {
    throw new LessonError(ErrorCode.RateLimited, 'the teacher has too many questions waiting; ask again later');
  }
  lesson.tellTeacher({ type: 'questionAsked', question });
  return question;
};

export const setQuestionsOpen: Handler<'setQuestionsOpen'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  await services.questions.setOpen(lesson.record.id, request.open);
  lesson.broadcast({ type: 'questionsSettings', open: request.open });
  return { open: request.open };
};

/** Puts a waiting question on every screen, in place of the one shown before (which is then done with). */
export const showQuestion: Handler<'showQuestion'> = async (request, session, services) => {
  const { lesson, participant } = session.teacher();
  const lessonId = lesson.record.id;
  if (request.questionId === null) {
    await services.questions.takeDown(lessonId);
    lesson.broadcast({ type: 'questionShown', question: null });
    return { shown: null };
  }
  const shown = await services.questions.show(lessonId, request.questionId);
  if (!shown) throw new LessonError(ErrorCode.NotFound, 'no such question is waiting (already shown or dismissed?)');
  participant.notify({ type: 'questionRemoved', questionId: shown.id });
  lesson.broadcast({ type: 'questionShown', question: shown });
  return { shown };
};

export const dismissQuestion: Handler<'dismissQuestion'> = async (request, session, services) => {
  const { lesson, participant } = session.teacher();
  if (!(await services.questions.dismiss(lesson.record.id, request.questionId))) {
    throw new LessonError(ErrorCode.NotFound, 'no such question is waiting (already shown or dismissed?)');
  }
  participant.notify({ type: 'questionRemoved', questionId: request.questionId });
  return {};
};
