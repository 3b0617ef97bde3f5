import { describe, expect, it } from 'vitest';
import { precheckReportSchema, precheckVerdict, type PrecheckReport } from './precheck.js';

const allGood: PrecheckReport = {
  camera: 'ok',
  microphone: 'ok',
  speaker: 'heard',
  udp: 'ok',
  tcp: 'ok',
  turn: 'notConfigured',
  uplinkKbps: 2000,
  rttMs: 3,
};

describe('the pre-class check verdict', () => {
  it('is ready when everything works (no TURN server configured is not a problem)', () => {
    expect(precheckVerdict(allGood)).toEqual({ verdict: 'ready', advice: [] });
  });

  it('is blocked without any media path, and says so first', () => {
    expect(precheckVerdict({ ...allGood, udp: 'failed', tcp: 'failed', uplinkKbps: null, camera: 'denied' })).toEqual({
      verdict: 'blocked',
      advice: ['noConnection', 'cameraDenied'],
    });
  });

  it('is limited, not blocked, when only the relay gets through, and says the media ports are shut', () => {
    expect(precheckVerdict({ ...allGood, udp: 'failed', tcp: 'failed', turn: 'ok', relays: ['tls'] })).toEqual({ verdict: 'limited', advice: ['relayOnly'] });
    expect(precheckVerdict({ ...allGood, udp: 'failed', tcp: 'failed', turn: 'failed', relays: [] }).verdict).toBe('blocked');
  });

  it('is limited when only TCP gets through', () => {
    expect(precheckVerdict({ ...allGood, udp: 'failed' })).toEqual({ verdict: 'limited', advice: ['udpBlocked'] });
  });

  it.each([
    [100, 'blocked', 'veryLowBandwidth'],
    [400, 'limited', 'lowBandwidth'],
    [600, 'ready', null],
  ] as const)('an upload of %i kbit/s is %s', (uplinkKbps, verdict, advice) => {
    const result = precheckVerdict({ ...allGood, uplinkKbps });
    expect(result.verdict).toBe(verdict);
    expect(result.advice).toEqual(advice ? [advice] : []);
  });

  it('lets the lesson go on without a camera, a microphone or a confirmed speaker, with what to do', () => {
    expect(precheckVerdict({ ...allGood, camera: 'missing', microphone: 'silent', speaker: 'unconfirmed' })).toEqual({
      verdict: 'limited',
      advice: ['cameraMissing', 'microphoneSilent', 'speakerUnconfirmed'],
    });
  });

  it('rejects a report with an unknown status or an impossible figure', () => {
    expect(precheckReportSchema.safeParse({ ...allGood, camera: 'great' }).success).toBe(false);
    expect(precheckReportSchema.safeParse({ ...allGood, uplinkKbps: -1 }).success).toBe(false);
    expect(precheckReportSchema.safeParse({ ...allGood, extra: true }).success).toBe(false);
  });
});
