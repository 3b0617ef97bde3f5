import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '../../../db/database.js';
import { nextDirectedJob, setDirectedFailed, setDirectedProgress, setDirectedReady } from '../../../db/directedViews.js';
import type { RecordingRow } from '../../../db/recordings.js';
import type { Logger } from '../../../log.js';
import { checkDisk } from '../diskGuard.js';
import { readLines, type SegmentEntry, type StageLogEntry } from '../recordingFiles.js';
import { chunkCommand, chunkInputs, type ChunkInputs } from './chunkCommand.js';
import { planDirectedView, type Chunk, type DirectedPlan } from './directedPlan.js';
import { Drainer } from '../../../jobs/Drainer.js';

const run = promisify(execFile);

/** The output, and the folder of its finished chunks, in the recording's folder. */
export const DIRECTED_FILE = 'directed.mp4';
export const PARTS_DIR = 'directed-parts';
/** Progress is written to SQL at most this often. */
const PROGRESS_EVERY_MS = 2000;

export interface DirectedJobOptions {
  /** Encoder threads per job (RECORDING_JOB_THREADS): live lessons keep the other cores. */
  threads: number;
  maxChunkMs?: number;
  /** Free space the recordings' disk must keep (RECORDING_MIN_FREE_MB): below it the job gives up rather than fill the disk. */
  minFreeBytes?: number;
  /** A directed view became ready (推送's recording.ready). */
  onReady?: (recordingId: string) => void;
}

/** The server is stopping: the chunk being rendered is dropped, the row stays `rendering` for the next start. */
class JobStopped extends Error {}

/**
 * 导播画面: after a recording ends, one job at a time on this server builds
 * its directed view, `directed.mp4` (H.264 + AAC, 720p, faststart), chunk by
 * chunk as `directedPlan.ts` cuts it, with ffmpeg at the lowest CPU priority
 * (nice 19) and few threads. Finished chunks stay in `directed-parts/` with
 * the plan they belong to, so a server that stops or dies mid-job goes on
 * from the first missing chunk when it starts again; the chunks are joined by
 * stream copy and the parts removed. State and progress are columns of the
 * recording row (directedViews.ts), which the library polls.
 */
export class DirectedViewJobs {
  private readonly drainer: Drainer;
  private child: ChildProcess | null = null;

  constructor(
    private readonly db: Db,
    private readonly recordingsDir: string,
    private readonly logger: Logger,
    private readonly options: DirectedJobOptions,
  ) {
    this.drainer = new Drainer(() => this.drain(), logger, 'the directed-view job stopped on an error');
  }

  /** A recording finished, or the server started: builds every directed view still to build, one after another. */
  wake(): void {
    this.drainer.wake();
  }

  /** Resolves once nothing is left to build (for tests). */
  idle(): Promise<void> {
    return this.drainer.idle();
  }

  /** Stops the job in progress (its finished chunks stay) and takes no new one. */
  async close(): Promise<void> {
    const closing = this.drainer.close();
    this.child?.kill('SIGKILL');
    await closing;
  }

  private async drain(): Promise<void> {
    for (let row = await nextDirectedJob(this.db); row && !this.drainer.isClosed; row = await nextDirectedJob(this.db)) {
      try {
        await this.build(row);
      } catch (error) {
        if (error instanceof JobStopped) return;
        this.logger.error({ recordingId: row.id, err: (error as Error).message }, 'the directed view could not be built');
        await setDirectedFailed(this.db, row.id, (error as Error).message);
      }
    }
  }

  private async build(row: RecordingRow): Promise<void> {
    const dir = join(this.recordingsDir, row.dir);
    const segments = readLines<SegmentEntry>(join(dir, 'segments.jsonl'));
    const plan = planDirectedView(segments, readLines<StageLogEntry>(join(dir, 'stage.jsonl')), this.options.maxChunkMs);
    if (!plan) throw new Error('the recording holds no media');
    const parts = join(dir, PARTS_DIR);
    keepPartsOf(parts, plan);
    const total = plan.to - plan.from;
    const started = Date.now();
    const part = (chunk: Chunk): string => join(parts, `part-${String(chunk.index).padStart(4, '0')}.mp4`);
    const doneBefore = plan.chunks.filter((c) => existsSync(part(c))).reduce((sum, c) => sum + c.to - c.from, 0);
    let done = doneBefore;
    let reported = 0;
    const progress = async (current: number, force = false): Promise<void> => {
      if (!force && Date.now() - reported < PROGRESS_EVERY_MS) return;
      reported = Date.now();
      const rendered = done + current - doneBefore;
      const eta = rendered > 0 ? ((Date.now() - started) / rendered) * (total - done - current) / 1000 : null;
      await setDirectedProgress(this.db, row.id, (100 * (done + current)) / total, eta);
    };
    await progress(0, true);
    this.logger.info({ recordingId: row.id, chunks: plan.chunks.length, resumedMs: doneBefore }, 'building the directed view');
    for (const chunk of plan.chunks) {
      if (existsSync(part(chunk))) continue;
      const disk = await checkDisk({ dir, budgetBytes: Infinity, minFreeBytes: this.options.minFreeBytes ?? 0 }, 0);
      if (disk.stop) throw new Error(`the recordings disk has only ${Math.round(disk.freeBytes / 1024 ** 2)} MB free`);
      await this.renderChunk(chunk, segments, dir, part(chunk), (ms) => void progress(ms));
      done += chunk.to - chunk.from;
      await progress(0, true);
    }
    const list = plan.chunks.map((c) => `file '${part(c)}'`).join('\n');
    writeFileSync(join(parts, 'concat.txt'), `${list}\n`);
    const partial = join(dir, 'directed.partial.mp4');
    await this.ffmpeg(['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', join(parts, 'concat.txt'), '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', partial], dir);
    renameSync(partial, join(dir, DIRECTED_FILE));
    const durationMs = await probeDurationMs(join(dir, DIRECTED_FILE));
    await setDirectedReady(this.db, row.id, statSync(join(dir, DIRECTED_FILE)).size, durationMs);
    this.options.onReady?.(row.id);
    rmSync(parts, { recursive: true, force: true });
    const seconds = (Date.now() - started) / 1000;
    this.logger.info({ recordingId: row.id, seconds, lessonSeconds: total / 1000, perLessonMinute: seconds / ((total - doneBefore) / 60_000) }, 'directed view ready');
  }

  /** One chunk into its part file; a chunk whose inputs ffmpeg cannot read is tried without its partial segments, then as black and silence. */
  private async renderChunk(chunk: Chunk, segments: SegmentEntry[], dir: string, part: string, onProgress: (ms: number) => void): Promise<void> {
    const partial = `${part.slice(0, -4)}.partial.mp4`;
    const attempts: ChunkInputs[] = [chunkInputs(chunk, segments, true), chunkInputs(chunk, segments, false), { video: chunk.pictures.map(() => []), audio: [] }];
    for (const [n, inputs] of attempts.entries()) {
      try {
        await this.ffmpeg(chunkCommand(chunk, inputs, partial, this.options.threads), dir, onProgress);
        renameSync(partial, part);
        return;
      } catch (error) {
        if (error instanceof JobStopped || n === attempts.length - 1) throw error;
        this.logger.warn({ chunk: chunk.index, err: (error as Error).message }, 'a chunk of the directed view failed; trying again with fewer inputs');
      }
    }
  }

  /** ffmpeg at the lowest priority in the recording's folder; `-progress` lines report the media time written. */
  private ffmpeg(args: string[], cwd: string, onProgress?: (ms: number) => void): Promise<void> {
    if (this.drainer.isClosed) return Promise.reject(new JobStopped());
    return new Promise((resolve, reject) => {
      const child = spawn('nice', ['-n', '19', process.env['FFMPEG_BIN'] ?? 'ffmpeg', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      this.child = child;
      let errors = '';
      child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
      child.stdout!.on('data', (chunk: Buffer) => {
        const match = /out_time_us=(\d+)/.exec(chunk.toString());
        if (match && onProgress) onProgress(Number(match[1]) / 1000);
      });
      child.on('error', reject);
      child.on('close', (code) => {
        this.child = null;
        if (this.drainer.isClosed) reject(new JobStopped());
        else if (code === 0) resolve();
        else reject(new Error(`ffmpeg exited with ${code}: ${errors.trim().split('\n').slice(-3).join(' / ')}`));
      });
    });
  }
}

/** The parts folder holds chunks of this very plan only: another plan (a log that changed) starts it anew. */
function keepPartsOf(parts: string, plan: DirectedPlan): void {
  const planFile = join(parts, 'plan.json');
  const wanted = JSON.stringify(plan);
  let kept = '';
  try {
    kept = readFileSync(planFile, 'utf8');
  } catch {
    // No parts yet.
  }
  if (kept === wanted) return;
  rmSync(parts, { recursive: true, force: true });
  mkdirSync(parts, { recursive: true });
  writeFileSync(planFile, wanted);
}

async function probeDurationMs(file: string): Promise<number> {
  const { stdout } = await run(process.env['FFPROBE_BIN'] ?? 'ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  return Math.round(Number(stdout.trim()) * 1000);
}
