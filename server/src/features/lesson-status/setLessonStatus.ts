import { recordLessonStatus } from '../../db/lessonRecords.js';
import type { Handler } from '../../signalling/context.js';

/**
 * 开始上课 / 下课, teacher only. At 下课 every published track closes, so no
 * classroom keeps streaming to the other schools after the lesson.
 */
export const setLessonStatus: Handler<'setLessonStatus'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  if (lesson.status === request.status) return lesson.view;
  await services.live.setStatus(lesson.record.id, request.status);
  await recordLessonStatus(services.db, lesson.record.id, request.status, Date.now());
  lesson.status = request.status;
  if (request.status === 'ended') {
    for (const participant of lesson.participants.values()) {
      for (const { producer } of participant.media.producers.values()) {
        producer.close();
        lesson.broadcast({ type: 'trackClosed', producerId: producer.id });
      }
    }
  }
  lesson.broadcast({ type: 'lessonChanged', lesson: lesson.view });
  services.logger.info({ lessonId: lesson.record.id, status: request.status }, 'lesson status changed');
  return lesson.view;
};
