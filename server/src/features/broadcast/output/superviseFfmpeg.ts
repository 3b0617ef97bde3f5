import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../../../log.js';

/** The ffmpeg binary; FFMPEG_BIN overrides it (as for the recorders). */
const ffmpegBin = (): string => process.env['FFMPEG_BIN'] ?? 'ffmpeg';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 10_000;
/** A run that lasted this long was a success: the next failure is retried quickly again. */
const STEADY_MS = 30_000;

export type RunState = 'starting' | 'running' | 'retrying' | 'stopped';

export interface RunStatus {
  state: RunState;
  /** How many times it was started again after exiting. */
  restarts: number;
  /** ffmpeg's last complaint, when it exited. */
  lastError: string | null;
  /** Wall-clock ms of the last change of state. */
  since: number;
}

/**
 * One long-running ffmpeg kept running: started again whenever it exits,
 * after 1 s, then twice as long each time it fails quickly (at most 10 s),
 * until it is stopped. `running` comes from ffmpeg's own progress report
 * (`-progress pipe:1`): a process that started but writes nothing (a
 * receiver that refuses it) is not reported as running.
 */
export class SupervisedFfmpeg {
  private child: ChildProcess | null = null;
  private retry: NodeJS.Timeout | null = null;
  private delay = FIRST_RETRY_MS;
  private startedAt = 0;
  private stderrTail = '';
  private readonly current: RunStatus = { state: 'starting', restarts: 0, lastError: null, since: Date.now() };

  constructor(
    private readonly name: string,
    private readonly args: () => string[],
    private readonly options: { cwd?: string; stdin?: () => string },
    private readonly logger: Logger,
  ) {}

  get status(): RunStatus {
    return { ...this.current };
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(): void {
    if (this.current.state === 'stopped') return;
    this.stderrTail = '';
    this.startedAt = Date.now();
    const child = spawn(ffmpegBin(), ['-progress', 'pipe:1', '-nostats', ...this.args()], { cwd: this.options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stdin?.end(this.options.stdin?.() ?? '');
    child.stdin?.on('error', () => undefined);
    child.stdout?.on('data', (data: Buffer) => {
      // out_time_us grows once media is written: the output is really on.
      const written = /out_time_us=(\d+)/.exec(data.toString());
      if (written && Number(written[1]) > 0 && this.current.state !== 'running' && this.child === child) this.set('running');
    });
    child.stderr?.on('data', (data: Buffer) => {
      this.stderrTail = (this.stderrTail + data.toString()).slice(-2000);
    });
    child.once('error', (error) => this.logger.error({ output: this.name, err: error.message }, 'ffmpeg could not be started'));
    child.once('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      if (this.current.state === 'stopped') return;
      const lastLine = this.stderrTail.trim().split('\n').at(-1) ?? '';
      this.current.lastError = lastLine || `ffmpeg exited (${signal ?? code})`;
      this.current.restarts++;
      if (Date.now() - this.startedAt > STEADY_MS) this.delay = FIRST_RETRY_MS;
      this.logger.warn({ output: this.name, code, signal, ffmpeg: this.stderrTail.slice(-500), retryInMs: this.delay }, 'a live output (ffmpeg) exited; starting it again');
      this.set('retrying');
      this.retry = setTimeout(() => {
        this.retry = null;
        this.set('starting');
        this.start();
      }, this.delay);
      this.retry.unref();
      this.delay = Math.min(MAX_RETRY_MS, this.delay * 2);
    });
  }

  /** Stops for good: ffmpeg is asked to finish (q), then killed if it does not within 2 s. */
  async stop(): Promise<void> {
    this.set('stopped');
    if (this.retry) clearTimeout(this.retry);
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      child.kill('SIGTERM');
    });
  }

  private set(state: RunState): void {
    this.current.state = state;
    this.current.since = Date.now();
  }
}
