import type { Db } from './database.js';

/** Records 开始上课 (a new session) or 下课 (closes the open session). */
export async function recordLessonStatus(db: Db, lessonId: string, status: 'live' | 'ended', at: number): Promise<void> {
  if (status === 'live') {
    await db.insertInto('lesson_session').values({ lesson_id: lessonId, started_at: at, ended_at: null }).execute();
  } else {
    await db.updateTable('lesson_session').set({ ended_at: at }).where('lesson_id', '=', lessonId).where('ended_at', 'is', null).execute();
  }
}

/** A lesson's 开始上课 → 下课 intervals, oldest first; `endedAt` null while one is still live. */
export async function lessonSessionsOf(db: Db, lessonId: string): Promise<Array<{ startedAt: number; endedAt: number | null }>> {
  const rows = await db.selectFrom('lesson_session').select(['started_at', 'ended_at']).where('lesson_id', '=', lessonId).orderBy('started_at').orderBy('id').execute();
  return rows.map((r) => ({ startedAt: r.started_at, endedAt: r.ended_at }));
}
