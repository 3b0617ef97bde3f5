/**
 * Green / yellow / red for the teacher's table. The guideline's limit is
 * 1.5 s of interactive latency: a one-way figure is green up to half of it
 * (room for the reply), yellow up to it, red beyond. The round trip holds
 * two one-way trips, so it is rated against twice the limit. Sound and
 * picture out of step are rated by ITU-R BT.1359's acceptability (about
 * 100 ms noticed, 200 ms disturbing).
 */
export type Rating = 'green' | 'yellow' | 'red';

export const LATENCY_LIMIT_MS = 1500;

export function rateOneWay(ms: number): Rating {
  if (ms <= LATENCY_LIMIT_MS / 2) return 'green';
  return ms <= LATENCY_LIMIT_MS ? 'yellow' : 'red';
}

export function rateRoundTrip(ms: number): Rating {
  return rateOneWay(ms / 2);
}

export function rateSkew(ms: number): Rating {
  const off = Math.abs(ms);
  if (off <= 100) return 'green';
  return off <= 200 ? 'yellow' : 'red';
}
