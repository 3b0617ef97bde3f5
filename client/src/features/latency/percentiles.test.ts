import { describe, expect, it } from 'vitest';
import { summarize } from './percentiles';

describe('percentiles', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(values)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99 });
    expect(summarize([7])).toEqual({ count: 1, p50: 7, p95: 7, p99: 7 });
    expect(summarize([])).toBeNull();
  });
});
