import { ErrorCode, LessonError } from '@shared';
import type { Handler } from '../context.js';

/** The teacher pins every classroom's main view to one participant, or unpins it (null). */
export const pinMainView: Handler<'pinMainView'> = async (request, session) => {
  const { lesson } = session.teacher();
  if (request.participantId !== null && request.participantId !== 'teacher' && !lesson.participants.has(request.participantId)) {
    throw new LessonError(ErrorCode.NotFound, `${request.participantId} is not in the lesson`);
  }
  return lesson.director.pin(request.participantId);
};
