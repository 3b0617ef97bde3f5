import type { LessonStatus } from '@shared';
import { recordLessonStatus } from '../../db/lessonRecords.js';
import type { Services } from '../context.js';

/**
 * 开始上课 / 下课 of a lesson, by its teacher or by the timetable: stored
 * first (Redis, then the lesson's record, then the pushes, queued in SQL),
 * then told to the lesson if it is live on this server (at 下课 it closes
 * every published track, so no classroom keeps streaming after the lesson).
 */
export async function changeLessonStatus(services: Pick<Services, 'live' | 'db' | 'lessons' | 'webhooks'>, lessonId: string, status: 'live' | 'ended', at = Date.now()): Promise<void> {
  const stored: LessonStatus = await services.live.status(lessonId);
  if (stored !== status) {
    await services.live.setStatus(lessonId, status);
    await recordLessonStatus(services.db, lessonId, status, at);
    await services.webhooks.lessonStatusChanged(lessonId, status, at);
  }
  (await services.lessons.find(lessonId))?.setStatus(status);
}
