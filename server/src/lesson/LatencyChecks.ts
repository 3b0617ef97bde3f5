import { randomUUID } from 'node:crypto';
import type { LatencyProbe, ServerNotice } from '@shared';

/** What a latency check needs of its lesson. */
interface CheckedLesson {
  readonly microphones: { openProbeWindow(untilMs: number): Promise<number> };
  broadcast(notice: ServerNotice, exceptId?: string, here?: boolean): void;
}

/**
 * 延迟检测 in one lesson: the check now running (reports are taken for it
 * only) and the microphone gate's window it opens, whether the teacher
 * started it through this server or another.
 */
export class LatencyChecks {
  /** The last latency check started in this lesson, if any. */
  current: LatencyProbe | null = null;

  constructor(private readonly lesson: CheckedLesson) {}

  /**
   * Schedules a check `leadMs` from now for every page, and opens the
   * microphone gate's window for it (until `tailMs` after its end, at most
   * 15 s from now). Returns the probe as every page is told it.
   */
  async start(durationMs: number, leadMs: number, tailMs: number): Promise<LatencyProbe> {
    const startsAt = Date.now() + leadMs;
    const microphonesOpenUntil = await this.lesson.microphones.openProbeWindow(startsAt + durationMs + tailMs);
    const probe: LatencyProbe = { probeId: randomUUID(), startsAt, durationMs, microphonesOpenUntil };
    this.current = probe;
    this.lesson.broadcast({ type: 'latencyProbe', probe });
    return probe;
  }

  /** A check the teacher started through another server: this server's microphones open for it too, and its pages take part. */
  async join(probe: LatencyProbe): Promise<void> {
    await this.lesson.microphones.openProbeWindow(probe.microphonesOpenUntil);
    this.current = probe;
    this.lesson.broadcast({ type: 'latencyProbe', probe }, undefined, true);
  }
}
