import { join } from 'node:path';
import type { Lesson } from '../../../lesson/Lesson.js';
import type { LessonRegistry } from '../../../lesson/LessonRegistry.js';
import type { Logger } from '../../../log.js';
import { LiveOutput, type EncodeSettings, type LiveOutputStatus } from './LiveOutput.js';

/** What a live broadcast's outputs are: where its HLS goes (by its key) and where it is pushed. */
export interface OutputPlan {
  hlsKey: string;
  rtmpUrl: string | null;
}

/** A key names a folder: only what newly made keys look like. */
export const HLS_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * This server's live outputs (直播输出), one per broadcasting lesson: asked
 * for when a broadcast goes live, they start once the lesson is open here
 * (at once in practice: the teacher is in it for the rehearsal) and stop
 * when it ends (结束直播, or her 下课) or closes. HLS files live under
 * `dir/<hlsKey>/`.
 */
export class LiveOutputs {
  private readonly wanted = new Map<string, OutputPlan>();
  private readonly running = new Map<string, { output: LiveOutput; unfollow: () => void }>();

  constructor(
    private readonly lessons: LessonRegistry,
    readonly dir: string,
    private readonly settings: EncodeSettings,
    private readonly logger: Logger,
  ) {
    lessons.onOpened((lesson) => {
      if (this.wanted.has(lesson.record.id)) void this.attach(lesson);
    });
  }

  /** The folder of an HLS key's files. */
  folderOf(hlsKey: string): string {
    return join(this.dir, hlsKey);
  }

  /** Starts (or starts again, with a new plan) the outputs of a lesson. */
  async start(lessonId: string, plan: OutputPlan): Promise<void> {
    await this.stop(lessonId);
    this.wanted.set(lessonId, plan);
    const lesson = await this.lessons.find(lessonId);
    if (lesson) await this.attach(lesson);
  }

  async stop(lessonId: string): Promise<void> {
    this.wanted.delete(lessonId);
    const running = this.running.get(lessonId);
    this.running.delete(lessonId);
    running?.unfollow();
    await running?.output.stop();
  }

  status(lessonId: string): LiveOutputStatus | null {
    return this.running.get(lessonId)?.output.status ?? null;
  }

  pids(lessonId: string): { hls: number | null; rtmp: number | null } | null {
    return this.running.get(lessonId)?.output.pids ?? null;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  private async attach(lesson: Lesson): Promise<void> {
    const id = lesson.record.id;
    const plan = this.wanted.get(id);
    if (!plan || this.running.has(id)) return;
    const output = new LiveOutput(lesson, this.folderOf(plan.hlsKey), plan.rtmpUrl, this.settings, this.logger.child({ lessonId: id }));
    const off = [lesson.on('ended', () => void this.stop(id)), lesson.on('closed', () => void this.stop(id))];
    this.running.set(id, { output, unfollow: () => off.forEach((f) => f()) });
    try {
      await output.start();
    } catch (error) {
      this.logger.error({ lessonId: id, err: String(error) }, 'the live output could not start');
      await this.stop(id);
    }
  }
}
