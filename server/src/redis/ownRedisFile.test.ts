import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from './freePort.js';
import { isRunning, readOwnRedis, stopLeftBehind, writeOwnRedis } from './ownRedisFile.js';

describe('a redis-server left behind by a killed server', () => {
  const stray: number[] = [];
  afterEach(() => {
    for (const pid of stray.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  });

  const dataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'tongtang-owner-'));
    mkdirSync(join(dir, 'redis'));
    return dir;
  };

  it('is stopped when the recorded pid is a redis-server working in this data directory', async () => {
    const dir = dataDir();
    const port = await freeLoopbackPort();
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', join(dir, 'redis'), '--save', ''], { stdio: 'ignore' });
    stray.push(redis.pid!);
    writeOwnRedis(dir, { pid: redis.pid!, port });
    // Redis changes into its --dir once it has started.
    await expect.poll(() => isRunning(redis.pid!) && stopLeftBehind(dir)).toBe(true);
    expect(isRunning(redis.pid!)).toBe(false);
    expect(readOwnRedis(dir)).toBeNull();
  });

  it('leaves a recycled pid alone (now another program)', async () => {
    const dir = dataDir();
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    stray.push(other.pid!);
    writeOwnRedis(dir, { pid: other.pid!, port: 6379 });
    expect(await stopLeftBehind(dir)).toBe(false);
    expect(isRunning(other.pid!)).toBe(true);
  });
});
