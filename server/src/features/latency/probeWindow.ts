import type { Lesson } from '../../lesson/Lesson.js';
import { applyFloor } from '../floor/microphoneGate.js';

/**
 * Decision (latency probe vs. the floor): in lecture mode classroom
 * microphones are paused at the SFU, yet the probe needs every classroom's
 * tones (one-way audio, and the answer of the question→answer round trip).
 * The floor itself is NOT changed — no discussion mode, no floor notices,
 * and automatic directing keeps ignoring classrooms that may not be heard,
 * so the main views stay where they are. Instead the server resumes the
 * classroom microphone producers for the probe window only, and every page
 * swaps its microphone for a generated tone-only track for exactly that
 * window (see client/src/features/latency/toneSender.ts), so no room sound
 * leaks and nothing can howl. A microphone its classroom muted itself stays
 * paused (that classroom reports no audio figure). When the window ends the
 * floor rule is applied again; a floor change during the window applies it
 * at once (the teacher's action wins over the probe).
 */
const openWindows = new WeakMap<Lesson, string>();

export async function openProbeWindow(lesson: Lesson, probeId: string, untilMs: number): Promise<void> {
  openWindows.set(lesson, probeId);
  const resumed: Array<Promise<void>> = [];
  for (const participant of lesson.participants.values()) {
    for (const entry of participant.media.producers.values()) {
      if (entry.producer.kind !== 'audio' || entry.pausedBySender || !entry.producer.paused) continue;
      const { producer } = entry;
      resumed.push(producer.resume().then(() => lesson.broadcast({ type: 'trackPaused', producerId: producer.id, paused: false })));
    }
  }
  await Promise.all(resumed);
  setTimeout(() => {
    if (openWindows.get(lesson) !== probeId || lesson.isClosed) return;
    openWindows.delete(lesson);
    void applyFloor(lesson).catch(() => undefined);
  }, Math.max(0, untilMs - Date.now())).unref();
}
