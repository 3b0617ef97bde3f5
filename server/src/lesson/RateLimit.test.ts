import { describe, expect, it } from 'vitest';
import { RateLimit } from './RateLimit.js';

describe('RateLimit', () => {
  it('allows a burst, refuses the next, and refills over time', () => {
    const limit = new RateLimit(10, 3);
    const t0 = Date.now();
    expect([limit.take(t0), limit.take(t0), limit.take(t0), limit.take(t0)]).toEqual([true, true, true, false]);
    expect(limit.take(t0 + 100)).toBe(true);
    expect(limit.take(t0 + 100)).toBe(false);
  });
});
