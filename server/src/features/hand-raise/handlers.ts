import { ErrorCode, LessonError } from '@shared';
import type { Handler, Services } from '../context.js';
import type { Lesson } from '../../lesson/Lesson.js';

/** Tells everyone the new queue (and the lesson's followers: the participation log) and returns it. */
async function publishHands(lesson: Lesson, services: Services): Promise<{ hands: Awaited<ReturnType<Services['hands']['list']>> }> {
  const hands = await services.hands.list(lesson.record.id);
  lesson.broadcast({ type: 'handsChanged', hands });
  lesson.emit('handschanged', hands);
  return { hands };
}

/** 举手: a classroom (or student device) raises its hand, optionally for a named student. */
export const raiseHand: Handler<'raiseHand'> = async (request, session, services) => {
  const { lesson, participant } = session.joined();
  if (participant.isTeacher) throw new LessonError(ErrorCode.Forbidden, 'the teacher does not raise a hand');
  await services.hands.raise(lesson.record.id, {
    participantId: participant.id,
    schoolName: participant.view.schoolName,
    classroomName: participant.view.name,
    studentName: request.studentName ?? '',
    raisedAt: Date.now(),
  });
  return publishHands(lesson, services);
};

/** Lowers the caller's own hand; only the teacher may lower someone else's. */
export const lowerHand: Handler<'lowerHand'> = async (request, session, services) => {
  const { lesson, participant } = session.joined();
  const target = request.participantId ?? participant.id;
  if (target !== participant.id && !participant.isTeacher) {
    throw new LessonError(ErrorCode.Forbidden, 'a classroom can only lower its own hand');
  }
  await services.hands.lower(lesson.record.id, target);
  return publishHands(lesson, services);
};

export const lowerAllHands: Handler<'lowerAllHands'> = async (_request, session, services) => {
  const { lesson } = session.teacher();
  await services.hands.lowerAll(lesson.record.id);
  return publishHands(lesson, services);
};

export { publishHands };
