import type { Db } from './database.js';
import type { RecordingRow } from './recordings.js';

/*
 * The 导播画面 columns of a recording row: the job's state and progress,
 * kept in SQL so a restarted server knows which job to take up again and the
 * library can show how far it is.
 */

/** The next recording whose directed view is to be built: one that was being rendered (a server died meanwhile) first, then the oldest finished. */
export async function nextDirectedJob(db: Db): Promise<RecordingRow | null> {
  return (
    (await db
      .selectFrom('recording')
      .selectAll()
      .where('status', 'in', ['complete', 'stopped'])
      .where('directed_status', 'in', ['waiting', 'rendering'])
      .orderBy('directed_status', 'desc')
      .orderBy('ended_at', 'asc')
      .executeTakeFirst()) ?? null
  );
}

/** The job is rendering: how far, and how long it expects to take still. */
export async function setDirectedProgress(db: Db, id: string, percent: number, etaSeconds: number | null): Promise<void> {
  await db
    .updateTable('recording')
    .set({ directed_status: 'rendering', directed_percent: Math.max(0, Math.min(100, Math.floor(percent))), directed_eta_s: etaSeconds === null ? null : Math.ceil(etaSeconds), directed_updated_at: Date.now() })
    .where('id', '=', id)
    .execute();
}

/** The file is written. */
export async function setDirectedReady(db: Db, id: string, bytes: number, durationMs: number): Promise<void> {
  await db
    .updateTable('recording')
    .set({ directed_status: 'ready', directed_percent: 100, directed_eta_s: null, directed_bytes: bytes, directed_duration_ms: durationMs, directed_error: null, directed_updated_at: Date.now() })
    .where('id', '=', id)
    .execute();
}

/** The job gave up on this recording. */
export async function setDirectedFailed(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable('recording')
    .set({ directed_status: 'failed', directed_eta_s: null, directed_error: error.slice(0, 500), directed_updated_at: Date.now() })
    .where('id', '=', id)
    .execute();
}
