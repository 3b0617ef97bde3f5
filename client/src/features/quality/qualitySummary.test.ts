import { describe, expect, it } from 'vitest';
import type { ReceiveSample } from '@shared';
import { summarise } from './qualitySummary';

const base: ReceiveSample = {
  producerId: crypto.randomUUID(),
  kind: 'video',
  rttMs: 30,
  lossPct: 0,
  kbps: 900,
  frameWidth: 1280,
  frameHeight: 720,
  fps: 10,
  freezes: 0,
  frozenPct: 0,
};

describe('one line of the quality panel', () => {
  it('adds video and audio bitrate, keeps the worse loss and the worst colour', () => {
    const line = summarise([
      { ...base, layer: 1 },
      { ...base, kind: 'audio', kbps: 40, lossPct: 3, frameWidth: 0, frameHeight: 0, layer: null },
    ]);
    expect(line).toMatchObject({ rttMs: 30, lossPct: 3, kbps: 940, layer: 1, level: 'fair', levels: { loss: 'fair', rtt: 'good' } });
  });

  it('infers the layer from the picture width when the SFU gave none', () => {
    expect(summarise([{ ...base, frameWidth: 320 }])?.layer).toBe(0);
  });

  it('is nothing without samples', () => {
    expect(summarise([])).toBeNull();
  });
});
