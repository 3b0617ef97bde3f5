import type { LatencyProbe } from '@shared';

/**
 * When each page plays its tone bursts during a probe, on the server clock.
 * The teacher and the classrooms use different frequencies and half a
 * period apart, so every receiver knows whose burst it heard; a classroom
 * answers the teacher's burst at once on a third frequency (the question →
 * answer round trip, heard back by the teacher).
 */
/** Long enough that a round trip on a poor link (well over 1.5 s) is not mistaken for the next burst's. */
export const TONE_PERIOD_MS = 3000;
export const TONE_BURST_MS = 120;
export const toneFrequency = { teacher: 1000, classroom: 1400, answer: 1800 } as const;
const phase = { teacher: 500, classroom: 2000 } as const;

export type SenderRole = 'teacher' | 'classroom';

/** Server times of every burst a sender of `role` plays in the probe. */
export function burstTimes(probe: LatencyProbe, role: SenderRole): number[] {
  const times: number[] = [];
  for (let t = probe.startsAt + phase[role]; t + TONE_BURST_MS <= probe.startsAt + probe.durationMs; t += TONE_PERIOD_MS) times.push(t);
  return times;
}

/**
 * Time from the latest burst of `role` before `heardAt` (server clock) to
 * `heardAt`: the one-way audio delay, or (teacher's bursts, answer heard)
 * the round trip. Null outside the probe.
 */
export function delaySinceBurst(probe: LatencyProbe, role: SenderRole, heardAt: number): number | null {
  const first = probe.startsAt + phase[role];
  if (heardAt < first) return null;
  const k = Math.floor((heardAt - first) / TONE_PERIOD_MS);
  const sent = first + k * TONE_PERIOD_MS;
  if (sent + TONE_BURST_MS > probe.startsAt + probe.durationMs) return null;
  return heardAt - sent;
}
