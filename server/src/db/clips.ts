import type { Db } from './database.js';
import type { Database } from './schema.js';

/** One micro-lesson row (see the `clip` table). */
export type ClipRow = Database['clip'];

export async function createClip(db: Db, row: ClipRow): Promise<ClipRow> {
  await db.insertInto('clip').values(row).execute();
  return row;
}

export async function clipById(db: Db, id: string): Promise<ClipRow | null> {
  return (await db.selectFrom('clip').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** The clips of these recordings, newest first. */
export async function clipsOf(db: Db, recordingIds: readonly string[]): Promise<ClipRow[]> {
  if (recordingIds.length === 0) return [];
  return db.selectFrom('clip').selectAll().where('recording_id', 'in', [...recordingIds]).orderBy('created_at', 'desc').execute();
}

/** Clips a server stopped making (it stopped or died): made again at its next start. */
export async function unfinishedClips(db: Db): Promise<ClipRow[]> {
  return db.selectFrom('clip').selectAll().where('status', '=', 'making').orderBy('created_at').execute();
}

export async function setClipProgress(db: Db, id: string, progress: number): Promise<void> {
  await db.updateTable('clip').set({ progress }).where('id', '=', id).where('status', '=', 'making').execute();
}

export async function finishClip(db: Db, id: string, outcome: { status: 'ready'; durationMs: number; sizeBytes: number } | { status: 'failed' }): Promise<void> {
  const set = outcome.status === 'ready' ? { status: outcome.status, progress: 1, duration_ms: outcome.durationMs, size_bytes: outcome.sizeBytes } : { status: outcome.status };
  await db.updateTable('clip').set(set).where('id', '=', id).execute();
}

export async function deleteClip(db: Db, id: string): Promise<void> {
  await db.deleteFrom('clip').where('id', '=', id).execute();
}
