import { ErrorCode, LessonError, type LessonParticipation } from '@shared';
import type { Db } from '../../db/database.js';
import { lessonClassroomsOf, lessonEventsOf } from '../../db/lessonEvents.js';
import { lessonSessionsOf } from '../../db/lessonRecords.js';
import { lessonParticipation } from './participationFigures.js';

/**
 * 课堂参与 of one lesson, as its report shows it: its event log, its live
 * intervals and its classrooms, read now. A lesson still live counts up to
 * `now`; rows its server has not written yet (at most a batch, ~1.5 s) are
 * not in it. NOT_FOUND for a lesson that does not exist.
 */
export async function participationOf(db: Db, lessonId: string, now: number = Date.now()): Promise<LessonParticipation> {
  const classrooms = await lessonClassroomsOf(db, lessonId);
  if (!classrooms) throw new LessonError(ErrorCode.NotFound, 'no such lesson');
  const [rows, live] = await Promise.all([lessonEventsOf(db, lessonId), lessonSessionsOf(db, lessonId)]);
  return lessonParticipation({ lessonId, rows, live, classrooms, now });
}
