import type { LessonStatus } from '@shared';
import { recordLessonStatus } from '../../db/lessonRecords.js';
import type { Db } from '../../db/database.js';
import type { LessonRegistry } from '../../lesson/LessonRegistry.js';
import type { LiveState } from '../../redis/liveState.js';
import type { Webhooks } from '../webhooks/Webhooks.js';

/** What changing a status needs: given by the signalling handler (its services) and by the timetable's scheduler alike, without either's whole context. */
export interface LessonStatusParts {
  db: Db;
  live: LiveState;
  lessons: LessonRegistry;
  webhooks: Webhooks;
}

/**
 * 开始上课 / 下课 of a lesson, by its teacher or by the timetable: stored
 * first (Redis, then the lesson's record, then the pushes, queued in SQL),
 * then told to the lesson if it is live on this server (at 下课 it closes
 * every published track, so no classroom keeps streaming after the lesson).
 */
export async function changeLessonStatus(services: LessonStatusParts, lessonId: string, status: 'live' | 'ended', at = Date.now()): Promise<void> {
  const stored: LessonStatus = await services.live.status(lessonId);
  if (stored !== status) {
    await services.live.setStatus(lessonId, status);
    await recordLessonStatus(services.db, lessonId, status, at);
    await services.webhooks.lessonStatusChanged(lessonId, status, at);
  }
  (await services.lessons.find(lessonId))?.setStatus(status);
}
