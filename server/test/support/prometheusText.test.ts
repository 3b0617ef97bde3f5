import { Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parseMetrics, sample } from './prometheusText.js';

/* The tests' reader of /metrics must refuse what Prometheus refuses, or a broken exposition would pass. */
describe('the strict Prometheus text reader', () => {
  it('reads what prom-client writes, labelled histograms included', async () => {
    const registry = new Registry();
    new Gauge({ name: 'lessons', help: 'open "lessons"\\ here', labelNames: ['status'], registers: [registry] }).set({ status: 'li"ve' }, 2);
    new Histogram({ name: 'probe_ms', help: 'ms', labelNames: ['kind'], buckets: [100], registers: [registry] }).observe({ kind: 'audio' }, 50);
    const families = parseMetrics(await registry.metrics());
    expect(families.get('lessons')).toMatchObject({ type: 'gauge', help: 'open "lessons"\\ here' });
    expect(sample(families, 'lessons', { status: 'li"ve' })).toBe(2);
    expect(sample(families, 'probe_ms', { kind: 'audio', le: '+Inf' }, 'probe_ms_bucket')).toBe(1);
    expect(sample(families, 'probe_ms', { kind: 'audio' }, 'probe_ms_count')).toBe(1);
  });

  it.each([
    ['a word for a value', '# TYPE a gauge\na one\n'],
    ['an unclosed label set', '# TYPE a gauge\na{x="1" 1\n'],
    ['a series written twice', '# TYPE a gauge\na{x="1"} 1\na{x="1"} 2\n'],
    ['a family split in two', '# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x="2"} 1\n'],
    ['a bucket without le', '# TYPE h histogram\nh_bucket 1\n'],
    ['an unknown type', '# TYPE a meter\na 1\n'],
    ['a bad escape', '# TYPE a gauge\na{x="\\t"} 1\n'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseMetrics(text)).toThrow();
  });
});
