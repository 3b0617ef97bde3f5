import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../src/redis/freePort.js';
import { workerBinEnv } from '../../testkit/serverProcess.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm start`'s server entry with extra environment and returns how it ended. */
async function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...workerBinEnv(),
      HOST: '127.0.0.1',
      RTC_LISTEN_IP: '127.0.0.1',
      RTC_ANNOUNCED_IP: '127.0.0.1',
      PORT: String(await freeLoopbackPort()),
      RTC_PORT: String(await freeLoopbackPort()),
      WORKERS: '1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tongtang-start-')),
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  return { code, stderr };
}

const listening = (port: number): Promise<Server> =>
  new Promise((done) => {
    const server = createServer().listen(port, '127.0.0.1', () => done(server));
  });

describe('starting with a configuration that cannot work', () => {
  it('exits non-zero with one clear line when the HTTP port is in use', async () => {
    const port = await freeLoopbackPort();
    const blocker = await listening(port);
    try {
      const { code, stderr } = await start({ PORT: String(port) });
      expect(code).not.toBe(0);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`port ${port}`);
      expect(stderr).toContain('already in use');
    } finally {
      blocker.close();
    }
  });

  it('exits non-zero with one clear line when the media port is in use', async () => {
    const port = await freeLoopbackPort();
    const udp = createSocket('udp4');
    await new Promise<void>((done) => udp.bind(port, '127.0.0.1', () => done()));
    try {
      const { code, stderr } = await start({ RTC_PORT: String(port) });
      expect(code).not.toBe(0);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`media port ${port}`);
    } finally {
      udp.close();
    }
  });

  it('exits non-zero with one clear line when Redis is unreachable', async () => {
    const deadPort = await freeLoopbackPort();
    const { code, stderr } = await start({ REDIS_URL: `redis://127.0.0.1:${deadPort}` });
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`cannot reach Redis at redis://127.0.0.1:${deadPort}`);
  });

  it('exits non-zero naming every bad variable', async () => {
    const { code, stderr } = await start({ WORKERS: 'many', PORT: '70000', LOG_LEVEL: 'loud' });
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/bad configuration — .*PORT.*WORKERS.*LOG_LEVEL|bad configuration — .*WORKERS/);
    for (const name of ['PORT', 'WORKERS', 'LOG_LEVEL']) expect(stderr).toContain(name);
  });
});
