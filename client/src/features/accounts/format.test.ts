import { describe, expect, it } from 'vitest';
import { formatSpan, formatTime, fromLocalInput, toLocalInput } from './format';

describe('date and time fields', () => {
  it('reads a field back as the moment it showed', () => {
    const at = new Date(2025, 8, 1, 8, 30).getTime();
    expect(toLocalInput(at)).toBe('2025-09-01T08:30');
    expect(fromLocalInput('2025-09-01T08:30')).toBe(at);
  });

  it('takes a date alone as the start of that local day', () => {
    expect(fromLocalInput('2025-09-01')).toBe(new Date(2025, 8, 1).getTime());
  });

  it('leaves an empty or broken field out', () => {
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('not a date')).toBeUndefined();
  });
});

describe('a lesson’s time', () => {
  const start = new Date(2025, 8, 1, 8).getTime();
  it('gives the end of a lesson on the same day as its time only', () => {
    const span = formatSpan(start, start + 40 * 60_000, 'zh-CN');
    expect(span.startsWith(formatTime(start, 'zh-CN'))).toBe(true);
    expect(span.split(' – ')[1]).not.toContain('2025');
  });

  it('gives a lesson running past midnight both dates, and one without an end its start', () => {
    expect(formatSpan(start, start + 24 * 3_600_000, 'en').split(' – ')[1]).toContain('2025');
    expect(formatSpan(start, null, 'en')).toBe(formatTime(start, 'en'));
  });
});
