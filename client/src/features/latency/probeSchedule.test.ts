import { describe, expect, it } from 'vitest';
import { burstTimes, delaySinceBurst } from './probeSchedule';

const probe = { probeId: 'p', startsAt: 100_000, durationMs: 10_000, microphonesOpenUntil: 0 };

describe('probe schedule', () => {
  it('places teacher and classroom bursts half a period apart inside the probe', () => {
    expect(burstTimes(probe, 'teacher')).toEqual([100_500, 103_500, 106_500, 109_500]);
    expect(burstTimes(probe, 'classroom')).toEqual([102_000, 105_000, 108_000]);
  });

  it('times a heard burst from the latest one sent', () => {
    expect(delaySinceBurst(probe, 'teacher', 103_640)).toBe(140);
    expect(delaySinceBurst(probe, 'classroom', 104_900)).toBe(2_900);
    expect(delaySinceBurst(probe, 'teacher', 100_400)).toBeNull();
  });
});
