import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DirectedViewState } from '@shared';
import type { RecordingRow } from '../../db/recordings.js';
import { DIRECTED_FILE } from '../recording/directed/DirectedViewJobs.js';

/** Where a recording's directed view is on disk. */
export const directedPath = (recordingsDir: string, row: Pick<RecordingRow, 'dir'>): string => join(recordingsDir, row.dir, DIRECTED_FILE);

/**
 * The directed view's state as the library shows it, from the job's columns
 * (migration 0005, see DirectedViewJobs): none while the lesson still
 * records, then waiting, making (with progress and time left), ready — only
 * with its file there — or failed.
 */
export function directedViewOf(row: RecordingRow, recordingsDir: string): DirectedViewState {
  if (row.status === 'recording') return { status: 'none', progress: null, secondsLeft: null };
  switch (row.directed_status) {
    case 'waiting':
      return { status: 'waiting', progress: null, secondsLeft: null };
    case 'rendering':
      return { status: 'making', progress: Math.min(1, Math.max(0, row.directed_percent / 100)), secondsLeft: row.directed_eta_s };
    case 'ready':
      return { status: existsSync(directedPath(recordingsDir, row)) ? 'ready' : 'failed', progress: null, secondsLeft: null };
    case 'failed':
      return { status: 'failed', progress: null, secondsLeft: null };
  }
}
