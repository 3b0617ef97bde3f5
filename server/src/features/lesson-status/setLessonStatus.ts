import { recordLessonStatus } from '../../db/lessonRecords.js';
import type { Handler } from '../context.js';

/**
 * 开始上课 / 下课, teacher only. Stored first (Redis, then the lesson's
 * record, then the pushes); at 下课 the lesson closes every published track, so no classroom
 * keeps streaming to the other schools after the lesson.
 */
export const setLessonStatus: Handler<'setLessonStatus'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  if (lesson.status === request.status) return lesson.view;
  await services.live.setStatus(lesson.record.id, request.status);
  const at = Date.now();
  await recordLessonStatus(services.db, lesson.record.id, request.status, at);
  // 推送: queued (in SQL) before the teacher hears it is done.
  await services.webhooks.lessonStatusChanged(lesson.record.id, request.status, at);
  lesson.setStatus(request.status);
  return lesson.view;
};
