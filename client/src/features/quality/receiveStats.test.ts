import { describe, expect, it } from 'vitest';
import { sampleBetween, snapshotFrom, type ReceiveSnapshot } from './receiveStats';

const snapshot = (change: Partial<ReceiveSnapshot>): ReceiveSnapshot => ({
  timestamp: 10_000,
  bytesReceived: 100_000,
  packetsReceived: 1000,
  packetsLost: 10,
  framesDecoded: 300,
  frameWidth: 1280,
  frameHeight: 720,
  freezeCount: 1,
  totalFreezesDuration: 0.5,
  rttMs: 42,
  ...change,
});

describe('receive statistics from getStats', () => {
  it('reads the inbound-rtp and the RTT of the succeeded candidate pair', () => {
    const read = snapshotFrom([
      { type: 'candidate-pair', state: 'failed', currentRoundTripTime: 9 },
      { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.031 },
      { type: 'inbound-rtp', timestamp: 5, bytesReceived: 10, packetsReceived: 3, packetsLost: 1, frameWidth: 320 },
    ]);
    expect(read).toMatchObject({ timestamp: 5, bytesReceived: 10, packetsLost: 1, frameWidth: 320, framesDecoded: 0, rttMs: 31 });
  });

  it('is nothing until the first packet arrived', () => {
    expect(snapshotFrom([{ type: 'transport' }])).toBeNull();
  });

  it('turns two snapshots two seconds apart into bitrate, loss, frame rate and frozen time', () => {
    const before = snapshot({});
    const after = snapshot({
      timestamp: 12_000,
      bytesReceived: 100_000 + 250_000,
      packetsReceived: 1000 + 490,
      packetsLost: 10 + 10,
      framesDecoded: 300 + 20,
      freezeCount: 2,
      totalFreezesDuration: 0.5 + 0.2,
    });
    expect(sampleBetween(before, after)).toEqual({
      rttMs: 42,
      lossPct: 2,
      kbps: 1000,
      frameWidth: 1280,
      frameHeight: 720,
      fps: 10,
      freezes: 2,
      frozenPct: 10,
    });
  });

  it('keeps the last measured RTT when a report has none', () => {
    expect(sampleBetween(snapshot({}), snapshot({ timestamp: 12_000, rttMs: null })).rttMs).toBe(42);
    expect(sampleBetween(undefined, snapshot({ rttMs: null })).rttMs).toBeNull();
  });

  it('gives zero rates for a first snapshot or after counters reset, never negative figures', () => {
    expect(sampleBetween(undefined, snapshot({}))).toMatchObject({ kbps: 0, lossPct: 0, fps: 0, frozenPct: 0, rttMs: 42 });
    expect(sampleBetween(snapshot({}), snapshot({ timestamp: 12_000, bytesReceived: 5 }))).toMatchObject({ kbps: 0, lossPct: 0 });
    // Late packets: packetsLost went down.
    expect(sampleBetween(snapshot({}), snapshot({ timestamp: 12_000, packetsLost: 5, packetsReceived: 1100 }))).toMatchObject({ lossPct: 0 });
  });
});
