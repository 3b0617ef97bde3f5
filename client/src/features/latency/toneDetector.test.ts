import { describe, expect, it } from 'vitest';
import { ToneTracker, findToneOnset, toneRatio } from './toneDetector';

const RATE = 48_000;

function signal(length: number, parts: Array<{ from: number; to: number; frequency: number; amplitude: number }>, noise = 0): Float32Array {
  const out = new Float32Array(length);
  let state = 7;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    out[i] = (state / 2 ** 31 - 0.5) * 2 * noise;
    for (const part of parts) if (i >= part.from && i < part.to) out[i]! += part.amplitude * Math.sin((2 * Math.PI * part.frequency * i) / RATE);
  }
  return out;
}

describe('tone detection', () => {
  it('measures how pure a tone is at one frequency', () => {
    const tone = signal(1024, [{ from: 0, to: 1024, frequency: 1000, amplitude: 0.3 }]);
    expect(toneRatio(tone, 0, 1024, 1000, RATE)).toBeGreaterThan(0.9);
    expect(toneRatio(tone, 0, 1024, 1800, RATE)).toBeLessThan(0.05);
    expect(toneRatio(new Float32Array(1024), 0, 1024, 1000, RATE)).toBe(0);
  });

  it('finds a burst onset within one block, in noise, and ignores other frequencies', () => {
    const onsetAt = 2000;
    const buffer = signal(4096, [
      { from: onsetAt, to: 4096, frequency: 1000, amplitude: 0.2 },
      { from: 0, to: 1500, frequency: 1400, amplitude: 0.2 },
    ], 0.02);
    const found = findToneOnset(buffer, 1000, RATE)!;
    expect(Math.abs(found - onsetAt)).toBeLessThanOrEqual(128);
    expect(findToneOnset(buffer, 1800, RATE)).toBeNull();
  });

  it('reports each burst once, with its time, across overlapping snapshots', () => {
    const total = RATE * 3;
    const bursts = [0.5, 2.5].map((s) => Math.round(s * RATE));
    const audio = signal(total, bursts.map((b) => ({ from: b, to: b + 0.12 * RATE, frequency: 1000, amplitude: 0.25 })));
    const tracker = new ToneTracker(1000, RATE);
    const found: number[] = [];
    // A 4096-sample analyser read every 20 ms, as the page does.
    for (let end = 4096; end <= total; end += Math.round(0.02 * RATE)) {
      const at = tracker.feed(audio.subarray(end - 4096, end), (end / RATE) * 1000);
      if (at !== null) found.push(at);
    }
    expect(found).toHaveLength(2);
    expect(Math.abs(found[0]! - 500)).toBeLessThan(4);
    expect(Math.abs(found[1]! - 2500)).toBeLessThan(4);
  });
});
