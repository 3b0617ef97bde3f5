import { describe, expect, it } from 'vitest';
import { ErrorCode, MAX_LATENCY_ROWS, MAX_REQUEST_BYTES, clientRequestSchema } from '@shared';
import { payloadProblem } from './payloadShape.js';

const nest = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('payloadProblem', () => {
  it('lets a real produce request through', () => {
    const rtpParameters = { codecs: [{ mimeType: 'video/VP8', parameters: {}, rtcpFeedback: [{ type: 'nack' }] }], encodings: [{ rid: 'r0' }] };
    expect(payloadProblem({ type: 'produce', rtpParameters })).toBeNull();
  });

  it('refuses deep nesting, huge arrays and many keys before anything recursive walks them', () => {
    expect(payloadProblem({ type: 'produce', rtpParameters: nest(50_000) })?.code).toBe(ErrorCode.BadRequest);
    expect(payloadProblem({ type: 'reportQuality', samples: new Array(100_000).fill(0) })?.code).toBe(ErrorCode.PayloadTooLarge);
    expect(payloadProblem({ type: 'x', ...Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])) })?.code).toBe(ErrorCode.PayloadTooLarge);
  });

  it('admits the largest legitimate request, a full latency report', () => {
    const row = { from: `classroom:${'x'.repeat(64)}`, kind: 'answer', count: 2 ** 31, p50: -1.2345678901234567e300, p95: -1.2345678901234567e300, p99: -1.2345678901234567e300 };
    const report = { type: 'reportLatency', probeId: 'p'.repeat(64), measurements: Array.from({ length: MAX_LATENCY_ROWS }, () => row) };
    expect(clientRequestSchema.safeParse(report).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(report))).toBeLessThan(MAX_REQUEST_BYTES);
    expect(payloadProblem(report)).toBeNull();
  });
});
