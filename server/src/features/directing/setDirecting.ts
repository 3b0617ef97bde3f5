import { ErrorCode, LessonError, type SourceRef } from '@shared';
import type { Lesson } from '../../lesson/Lesson.js';
import type { Handler } from '../context.js';

function requirePresent(lesson: Lesson, ref: SourceRef | null | undefined): SourceRef | null {
  if (!ref) return null;
  if (!lesson.participants.has(ref.participantId)) throw new LessonError(ErrorCode.NotFound, `${ref.participantId} is not in the lesson`);
  return ref;
}

/**
 * 手动导播: the teacher picks the layout every classroom shows, and optionally
 * its pictures; `auto` hands the screens back to automatic directing. Stored
 * in Redis first, so a choice that cannot be kept is not shown either.
 */
export const setDirecting: Handler<'setDirecting'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  const directing = { choice: request.choice, main: requirePresent(lesson, request.main), inset: requirePresent(lesson, request.inset) };
  await services.directings.set(lesson.record.id, directing);
  return lesson.stage.choose(directing);
};
