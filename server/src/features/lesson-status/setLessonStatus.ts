import { recordLessonStatus } from '../../db/lessonRecords.js';
import type { Handler } from '../context.js';

/**
 * 开始上课 / 下课, teacher only. Stored first (Redis, then the lesson's
 * record); at 下课 the lesson closes every published track, so no classroom
 * keeps streaming to the other schools after the lesson.
 */
export const setLessonStatus: Handler<'setLessonStatus'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  if (lesson.status === request.status) return lesson.view;
  await services.live.setStatus(lesson.record.id, request.status);
  await recordLessonStatus(services.db, lesson.record.id, request.status, Date.now());
  lesson.setStatus(request.status);
  return lesson.view;
};
