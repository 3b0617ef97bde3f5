import { ErrorCode, LessonError } from '@shared';
import type { Handler } from '../context.js';

/** The teacher pins every classroom's main view to one participant, or unpins it (null); stored first, so a pin she saw survives a restart. */
export const pinMainView: Handler<'pinMainView'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  if (request.participantId !== null && request.participantId !== 'teacher' && !lesson.participants.has(request.participantId)) {
    throw new LessonError(ErrorCode.NotFound, `${request.participantId} is not in the lesson`);
  }
  await services.directings.setPinned(lesson.record.id, request.participantId);
  return lesson.director.pin(request.participantId);
};
