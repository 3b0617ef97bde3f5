import { ErrorCode, LessonError } from '@shared';
import { saveDeviceMapping as store } from '../../db/deviceMappings.js';
import type { Handler } from '../context.js';

/**
 * The assistant teacher (or the teacher at the host classroom) corrects which
 * of this terminal's cameras and microphones is which. Kept per classroom,
 * so the terminal joins with it next time without a click; a terminal can
 * only change its own.
 */
export const saveDeviceMapping: Handler<'saveDeviceMapping'> = async (request, session, services) => {
  const { participant, lesson } = session.joined();
  if (!participant.terminalClassroomId) throw new LessonError(ErrorCode.Forbidden, 'an observer has no devices to map');
  await store(services.db, participant.terminalClassroomId, request.mapping);
  services.logger.info({ lessonId: lesson.record.id, participantId: participant.id, mapping: request.mapping }, 'device mapping saved');
  return { mapping: request.mapping };
};
