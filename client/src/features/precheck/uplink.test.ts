import { describe, expect, it } from 'vitest';
import type { IceCandidate } from 'mediasoup-client/types';
import { candidatesFor, sendSnapshotFrom, uplinkKbps } from './uplink';

describe('the pre-class connectivity and upload test', () => {
  it('keeps only the candidates of the protocol under test', () => {
    const candidates = [
      { foundation: 'u', priority: 2, address: '127.0.0.1', protocol: 'udp', port: 40000, type: 'host' },
      { foundation: 't', priority: 1, address: '127.0.0.1', protocol: 'tcp', port: 40000, type: 'host', tcpType: 'passive' },
    ] as IceCandidate[];
    expect(candidatesFor(candidates, 'udp').map((c) => c.foundation)).toEqual(['u']);
    expect(candidatesFor(candidates, 'tcp').map((c) => c.foundation)).toEqual(['t']);
  });

  it('sums the simulcast layers and reads the estimate of the pair in use', () => {
    const snapshot = sendSnapshotFrom([
      { type: 'outbound-rtp', timestamp: 1000, bytesSent: 100 },
      { type: 'outbound-rtp', timestamp: 1001, bytesSent: 200 },
      { type: 'candidate-pair', state: 'in-progress', availableOutgoingBitrate: 1 },
      { type: 'candidate-pair', state: 'succeeded', nominated: true, availableOutgoingBitrate: 1_800_000, currentRoundTripTime: 0.004 },
    ]);
    expect(snapshot).toEqual({ timestamp: 1001, bytesSent: 300, availableOutgoingBitrate: 1_800_000, rttMs: 4 });
  });

  it('takes the better of the sent rate and the congestion estimate', () => {
    const first = { timestamp: 0, bytesSent: 0, availableOutgoingBitrate: null, rttMs: null };
    // 500 kB in 4 s = 1000 kbit/s sent; the estimate says 1500.
    expect(uplinkKbps(first, { timestamp: 4000, bytesSent: 500_000, availableOutgoingBitrate: 1_500_000, rttMs: 5 })).toBe(1500);
    expect(uplinkKbps(first, { timestamp: 4000, bytesSent: 500_000, availableOutgoingBitrate: 300_000, rttMs: 5 })).toBe(1000);
    expect(uplinkKbps(first, { ...first })).toBeNull();
  });
});
