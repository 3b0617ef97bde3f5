import { describe, expect, it } from 'vitest';
import { layerFromWidth, sampleLevels } from './quality.js';

const video = { kind: 'video' as const, rttMs: 20, lossPct: 0, kbps: 800, frozenPct: 0 };

describe('quality colours from receive statistics', () => {
  it('is green when everything is well inside the thresholds', () => {
    expect(sampleLevels(video)).toEqual({ rtt: 'good', loss: 'good', bitrate: 'good', freezes: 'good', overall: 'good' });
  });

  it.each([
    ['RTT 150 ms', { rttMs: 150 }, 'rtt', 'fair'],
    ['RTT 400 ms', { rttMs: 400 }, 'rtt', 'poor'],
    ['2 % loss', { lossPct: 2 }, 'loss', 'fair'],
    ['5 % loss', { lossPct: 5 }, 'loss', 'poor'],
    ['a stalled video at 20 kbit/s', { kbps: 20 }, 'bitrate', 'poor'],
    ['a 720p main view at 200 kbit/s', { kbps: 200, layer: 2 }, 'bitrate', 'fair'],
    ['a small tile at 35 kbit/s', { kbps: 35, layer: 0 }, 'bitrate', 'fair'],
    ['frozen 20 % of the interval', { frozenPct: 20 }, 'freezes', 'poor'],
  ] as const)('%s', (_name, change, figure, level) => {
    const levels = sampleLevels({ ...video, ...change });
    expect(levels[figure]).toBe(level);
    expect(levels.overall).toBe(level);
  });

  it('finds a small tile at 60 kbit/s fine', () => {
    expect(sampleLevels({ ...video, kbps: 60, layer: 0 }).bitrate).toBe('good');
  });

  it('does not judge audio bitrate (DTX sends almost nothing in silence) and takes an unknown RTT as fine', () => {
    expect(sampleLevels({ ...video, kind: 'audio', kbps: 1, rttMs: null }).overall).toBe('good');
  });

  it('infers the simulcast layer from the decoded width', () => {
    expect([0, 320, 640, 1280].map(layerFromWidth)).toEqual([null, 0, 1, 2]);
  });
});
