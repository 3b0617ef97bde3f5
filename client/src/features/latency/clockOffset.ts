/**
 * NTP-style clock offset from signalling round trips. Each sample is the
 * local time a `clockSync` request left, the server's clock when it
 * answered, and the local time the answer arrived. Queueing (a busy PC, a
 * loaded server, a congested uplink) only ever adds delay, so the samples
 * with the shortest round trip are the ones whose midpoint is closest to
 * the server's reading; their offsets are averaged.
 */
export interface ClockSample {
  sentAt: number;
  serverTime: number;
  receivedAt: number;
}

export interface ClockOffset {
  /** Add to a local time to get the server's time. */
  offsetMs: number;
  /** Shortest round trip seen; the offset's error is at most half of it. */
  rttMs: number;
  samples: number;
}

/** Samples within this of the shortest round trip are averaged (absorbs timer granularity). */
const RTT_SLACK_MS = 1;

export function estimateClockOffset(samples: ClockSample[]): ClockOffset | null {
  const valid = samples.filter((s) => s.receivedAt >= s.sentAt);
  if (valid.length === 0) return null;
  const rtt = (s: ClockSample): number => s.receivedAt - s.sentAt;
  const best = Math.min(...valid.map(rtt));
  const chosen = valid.filter((s) => rtt(s) <= best + RTT_SLACK_MS);
  const offsets = chosen.map((s) => s.serverTime - (s.sentAt + s.receivedAt) / 2);
  return { offsetMs: offsets.reduce((a, b) => a + b, 0) / offsets.length, rttMs: best, samples: valid.length };
}
