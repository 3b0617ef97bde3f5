import type { Db } from './database.js';

/** Records 开始上课 (a new session) or 下课 (closes the open session). */
export async function recordLessonStatus(db: Db, lessonId: string, status: 'live' | 'ended', at: number): Promise<void> {
  if (status === 'live') {
    await db.insertInto('lesson_session').values({ lesson_id: lessonId, started_at: at, ended_at: null }).execute();
  } else {
    await db.updateTable('lesson_session').set({ ended_at: at }).where('lesson_id', '=', lessonId).where('ended_at', 'is', null).execute();
  }
}
