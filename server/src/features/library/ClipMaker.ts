import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '../../db/database.js';
import { clipById, finishClip, setClipProgress, unfinishedClips, type ClipRow } from '../../db/clips.js';
import { recordingById } from '../../db/recordings.js';
import type { Logger } from '../../log.js';
import { runCut, type CutPlan, type RunningCut } from './clipCut.js';
import { directedPath } from './directedView.js';
import { mediaDurationMs } from './mediaProbe.js';

/** A clip's progress reaches its row at most this often (the page asks every second). */
const PROGRESS_EVERY_MS = 1000;

/**
 * 微课 on this server: cuts clips from directed views one at a time (two
 * cores: one cut is enough beside live lessons), each into a `.part` file
 * renamed when whole, so a half-made file is never served. A server that
 * stopped mid-cut leaves the row `making`; the next start cuts it again.
 */
export class ClipMaker {
  private queue: Promise<void> = Promise.resolve();
  private running: RunningCut | null = null;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly recordingsDir: string,
    private readonly logger: Logger,
  ) {}

  /** The clips the last server process did not finish, made again. */
  async resumeUnfinished(): Promise<void> {
    for (const row of await unfinishedClips(this.db)) this.make(row);
  }

  /** Absolute path of a clip's file. */
  filePath(row: Pick<ClipRow, 'file'>): string {
    return join(this.recordingsDir, row.file);
  }

  /** Queues a clip row (status `making`) to be cut. */
  make(row: ClipRow): void {
    this.queue = this.queue.then(() => this.cut(row.id)).catch((error: Error) => this.logger.error({ clipId: row.id, err: error.message }, 'clip failed'));
  }

  /** Stops the cut in progress (the server stops); its row stays `making` for the next start. */
  close(): void {
    this.closed = true;
    this.running?.stop();
  }

  private async cut(id: string): Promise<void> {
    const row = await clipById(this.db, id);
    if (this.closed || !row || row.status !== 'making') return;
    const recording = await recordingById(this.db, row.recording_id);
    if (!recording) return finishClip(this.db, id, { status: 'failed' });
    const output = this.filePath(row);
    const part = `${output}.part`;
    mkdirSync(dirname(output), { recursive: true });
    const plan: CutPlan = { method: row.method, fromMs: row.in_ms, toMs: row.out_ms };
    const startedAt = Date.now();
    let savedAt = 0;
    this.running = runCut(directedPath(this.recordingsDir, recording), plan, part, (fraction) => {
      if (Date.now() - savedAt < PROGRESS_EVERY_MS) return;
      savedAt = Date.now();
      void setClipProgress(this.db, id, fraction).catch(() => undefined);
    });
    try {
      await this.running.done;
    } catch (error) {
      rmSync(part, { force: true });
      if (this.closed) return;
      this.logger.warn({ clipId: id, err: (error as Error).message }, 'ffmpeg could not cut the clip');
      return finishClip(this.db, id, { status: 'failed' });
    } finally {
      this.running = null;
    }
    renameSync(part, output);
    const durationMs = await mediaDurationMs(output);
    // Deleted while it was being cut: its file goes too.
    if (!(await clipById(this.db, id))) return void rmSync(output, { force: true });
    if (durationMs === null) return finishClip(this.db, id, { status: 'failed' });
    await finishClip(this.db, id, { status: 'ready', durationMs, sizeBytes: statSync(output).size });
    this.logger.info({ clipId: id, method: row.method, ms: Date.now() - startedAt, durationMs }, 'clip made');
  }
}
