import { isMicrophone, mayBeHeard } from '@shared';
import type { LessonScene } from './LessonTypes.js';

/**
 * Longest a latency check may open the microphones of classrooms that do not
 * hold the floor. The tone-instead-of-microphone swap happens only in the
 * page, so a modified page could speak out of turn for as long as this lasts.
 */
export const PROBE_WINDOW_MAX_MS = 15_000;

/**
 * The one rule for every microphone of a lesson, enforced at the SFU (a
 * paused producer sends nothing to anyone, whatever the page does). A
 * microphone reaches the other classrooms only if
 * - its sender has not muted it,
 * - the teacher has not muted its classroom, and
 * - its participant may be heard (the teacher, a floor holder, or anyone in
 *   discussion mode) or a latency check window is open.
 * `apply()` brings every producer in line with the rule; runs never overlap
 * (a change during a run triggers one more), so the last state always wins.
 */
export class MicrophoneGate {
  private probeUntil = 0;
  private probeTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly scene: LessonScene) {
    scene.on('floorchanged', () => void this.apply());
    scene.on('closed', () => this.probeTimer && clearTimeout(this.probeTimer));
  }

  /** Whether a microphone of this participant, muted by its sender or not, may be heard now. */
  isOpen(participantId: string, pausedBySender: boolean, now = Date.now()): boolean {
    const floor = this.scene.floor;
    if (pausedBySender || floor.muted.includes(participantId)) return false;
    return mayBeHeard(participantId, floor) || now < this.probeUntil;
  }

  /** Opens the microphones of unmuted classrooms until `untilMs` (at most PROBE_WINDOW_MAX_MS from now), then closes them. */
  async openProbeWindow(untilMs: number): Promise<number> {
    const now = Date.now();
    this.probeUntil = Math.min(untilMs, now + PROBE_WINDOW_MAX_MS);
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      void this.apply();
    }, this.probeUntil - now + 1);
    this.probeTimer.unref();
    await this.apply();
    return this.probeUntil;
  }

  /** Brings every microphone in line with the rule; resolves when the worker has done it. */
  apply(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.applyOnce();
      } while (this.again);
    })().finally(() => (this.running = null));
    return this.running;
  }

  private async applyOnce(): Promise<void> {
    const changes: Array<Promise<void>> = [];
    for (const participant of this.scene.participants.values()) {
      for (const entry of participant.media.producers.values()) {
        if (!isMicrophone(entry.source)) continue;
        const { producer } = entry;
        const shouldPause = !this.isOpen(participant.id, entry.pausedBySender);
        if (shouldPause === producer.paused || producer.closed) continue;
        changes.push(
          (shouldPause ? producer.pause() : producer.resume()).then(
            () => {
              this.scene.broadcast({ type: 'trackPaused', producerId: producer.id, paused: shouldPause });
              const track = participant.track(producer.id);
              if (track) this.scene.emit('trackpaused', track);
            },
            // Closed meanwhile (its sender left): nothing left to gate.
            () => undefined,
          ),
        );
      }
    }
    await Promise.all(changes);
  }
}
