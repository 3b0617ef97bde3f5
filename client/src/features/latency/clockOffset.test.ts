import { describe, expect, it } from 'vitest';
import { estimateClockOffset, type ClockSample } from './clockOffset';

/** Deterministic pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Round trips to a server whose clock is `trueOffset` ahead: a fixed path
 * delay each way plus queueing that is exponential, heavy and different in
 * each direction (an uplink that is busier than the downlink).
 */
function simulate(trueOffset: number, count: number, seed: number, up: { base: number; mean: number }, down: { base: number; mean: number }): ClockSample[] {
  const rnd = random(seed);
  const exp = (mean: number): number => -Math.log(1 - rnd()) * mean;
  const samples: ClockSample[] = [];
  let local = 1_000_000;
  for (let i = 0; i < count; i++) {
    const sentAt = local;
    const arrives = sentAt + up.base + exp(up.mean);
    const serverTime = arrives + trueOffset;
    const receivedAt = arrives + down.base + exp(down.mean);
    // Browsers give whole milliseconds when time is coarsened.
    samples.push({ sentAt: Math.round(sentAt), serverTime: Math.round(serverTime), receivedAt: Math.round(receivedAt) });
    local = receivedAt + 50 + rnd() * 50;
  }
  return samples;
}

describe('clock offset estimate', () => {
  it('is within a few ms (< 8) of the truth with asymmetric, jittery queueing (16 round trips)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const truth = (seed % 2 === 0 ? 1 : -1) * 7_345.4 * seed;
      const samples = simulate(truth, 16, seed, { base: 20, mean: 25 }, { base: 20, mean: 5 });
      const estimate = estimateClockOffset(samples)!;
      // The error is bounded by half the queueing left in the best round trip.
      expect(Math.abs(estimate.offsetMs - truth)).toBeLessThanOrEqual(1 + (estimate.rttMs - 40) / 2);
      expect(Math.abs(estimate.offsetMs - truth)).toBeLessThan(8);
    }
  });

  it('beats averaging all samples when one direction queues', () => {
    const samples = simulate(500, 12, 42, { base: 5, mean: 150 }, { base: 5, mean: 2 });
    const naive = samples.reduce((sum, s) => sum + s.serverTime - (s.sentAt + s.receivedAt) / 2, 0) / samples.length;
    const estimate = estimateClockOffset(samples)!;
    expect(Math.abs(estimate.offsetMs - 500)).toBeLessThan(Math.abs(naive - 500));
    expect(Math.abs(estimate.offsetMs - 500)).toBeLessThan(10);
  });

  it('is exact with symmetric delays and says nothing without samples', () => {
    expect(estimateClockOffset([{ sentAt: 100, serverTime: 5_110, receivedAt: 120 }])).toEqual({ offsetMs: 5_000, rttMs: 20, samples: 1 });
    expect(estimateClockOffset([])).toBeNull();
  });
});
