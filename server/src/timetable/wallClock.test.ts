import { describe, expect, it } from 'vitest';
import { addDays, localParts, wallClockMs, weekdayOf } from './wallClock.js';

describe('wall clock', () => {
  it('puts 08:00 in Shanghai at 00:00 UTC', () => {
    expect(new Date(wallClockMs('2026-09-07', '08:00', 'Asia/Shanghai')).toISOString()).toBe('2026-09-07T00:00:00.000Z');
    expect(localParts(Date.parse('2026-09-07T00:00:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-09-07', time: '08:00', seconds: 0 });
  });

  it('follows a daylight-saving change', () => {
    // Berlin: UTC+1 in winter, UTC+2 from 29 March 2026.
    expect(new Date(wallClockMs('2026-03-28', '08:00', 'Europe/Berlin')).toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(new Date(wallClockMs('2026-03-30', '08:00', 'Europe/Berlin')).toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('counts days and weekdays on the calendar', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekdayOf('2026-09-07')).toBe(1);
    expect(weekdayOf('2026-09-13')).toBe(7);
  });
});
