import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { AddressLogs, RejectionLog } from './rejectionLog.js';

describe('RejectionLog', () => {
  it('writes a few lines a minute and one summary line for the rest', () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const rejections = new RejectionLog(log);
    const t0 = 1_000_000;
    for (let i = 0; i < 10_000; i++) rejections.reject({ code: 'BAD_REQUEST' }, 'request rejected', t0 + i);
    expect(lines).toHaveLength(5);
    rejections.reject({ code: 'BAD_REQUEST' }, 'request rejected', t0 + 61_000);
    expect(lines).toHaveLength(7);
    expect(lines[5]).toContain('"suppressed":9995');
    rejections.flush();
    expect(lines).toHaveLength(7);
  });

  it('gives every connection of one address the same budget', () => {
    const lines: string[] = [];
    const logs = new AddressLogs(pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) }));
    for (let connection = 0; connection < 1000; connection++) logs.of('10.0.0.7').reject({ connection }, 'connection closed for a hostile frame');
    logs.of('10.0.0.8').reject({}, 'request rejected');
    expect(lines).toHaveLength(6);
    logs.flushAll();
    expect(lines).toHaveLength(7);
    expect(lines[6]).toContain('"suppressed":995');
    logs.close();
  });
});
