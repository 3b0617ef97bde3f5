import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { directedViewSchema, type DirectedViewState } from '@shared';
import type { RecordingRow } from '../../db/recordings.js';

/** The directed view's file in a recording's folder (the directed-view job writes it when the lesson ends). */
export const DIRECTED_FILE = 'directed.mp4';

/** Where a recording's directed view is on disk. */
export const directedPath = (recordingsDir: string, row: Pick<RecordingRow, 'dir'>): string => join(recordingsDir, row.dir, DIRECTED_FILE);

/**
 * The directed view's state as the library shows it. The job's own columns
 * (its migration, 0005, is another branch's: `directed_status`,
 * `directed_progress`, `directed_seconds_left` are read when the row has
 * them) say whether it waits, runs, failed or is done; done counts only with
 * its file there. Until the job's columns exist, the file alone says ready.
 */
export function directedViewOf(row: RecordingRow, recordingsDir: string): DirectedViewState {
  const columns = row as unknown as Record<string, unknown>;
  const fileThere = existsSync(directedPath(recordingsDir, row));
  const status = columns['directed_status'];
  if (typeof status === 'string') {
    const named = ({ queued: 'waiting', pending: 'waiting', running: 'making', done: 'ready', complete: 'ready' } as Record<string, string>)[status] ?? status;
    const parsed = directedViewSchema.safeParse({
      status: named === 'ready' && !fileThere ? 'failed' : named,
      progress: typeof columns['directed_progress'] === 'number' ? Math.min(1, Math.max(0, columns['directed_progress'])) : null,
      secondsLeft: typeof columns['directed_seconds_left'] === 'number' ? columns['directed_seconds_left'] : null,
    });
    if (parsed.success) return parsed.data;
  }
  if (fileThere) return { status: 'ready', progress: null, secondsLeft: null };
  // Still recording, or ended and waiting for its job.
  return { status: row.status === 'recording' ? 'none' : 'waiting', progress: null, secondsLeft: null };
}
