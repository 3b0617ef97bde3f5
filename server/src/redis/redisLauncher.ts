import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { freeLoopbackPort } from './freePort.js';
import { forgetOwnRedis, stopLeftBehind, writeOwnRedis } from './ownRedisFile.js';

/** A redis-server the Tongtang server started for itself, and keeps running. */
export interface OwnRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * Pauses before restarting a redis-server that exited: short enough that a
 * classroom barely notices, long enough that one failing at start does not
 * spin. Back to the first after it has run for a minute.
 */
const RESTART_DELAYS_MS = [1000, 2000, 5000];

/**
 * Starts redis-server on a free loopback port with its data (append-only file
 * on, fsync every second) under `<dataDir>/redis`, so live state — who is in,
 * hands, floor, chat — survives a restart of the Tongtang server, and
 * supervises it: if it dies it is started again on the same port and the
 * same AOF, and the client reconnects by itself. Its pid and port are kept in
 * `<dataDir>/redis/redis-server.json`; a redis-server left behind by a
 * server that was SIGKILLed is stopped first (see stopLeftBehind).
 */
export async function startOwnRedis(dataDir: string, logger: Logger): Promise<OwnRedis> {
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  if (await stopLeftBehind(dataDir)) logger.warn('stopped the redis-server a previous run left behind');
  const port = await freeLoopbackPort();
  let child = await launch(dir, port);
  let stopping = false;
  let restarts = 0;

  const supervise = (running: ChildProcess): void => {
    writeOwnRedis(dataDir, { pid: running.pid!, port });
    const startedAt = Date.now();
    running.once('exit', (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt > 60_000) restarts = 0;
      const delayMs = RESTART_DELAYS_MS[Math.min(restarts++, RESTART_DELAYS_MS.length - 1)]!;
      logger.error({ code, signal, delayMs }, 'own redis-server exited; restarting it on its data');
      setTimeout(() => void restart(), delayMs);
    });
  };
  const restart = async (): Promise<void> => {
    if (stopping) return;
    try {
      child = await launch(dir, port);
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'restarting the own redis-server failed; trying again');
      setTimeout(() => void restart(), RESTART_DELAYS_MS.at(-1));
      return;
    }
    if (stopping) return void stopChild(child);
    logger.info({ pid: child.pid, port }, 'own redis-server restarted');
    supervise(child);
  };
  supervise(child);

  // If the server exits without stopping it (a close that outlasted its 5 s, process.exit anywhere), Redis goes too:
  // an orphaned redis-server was found after a bench run. SIGTERM lets it write its append-only file first.
  const stopWithUs = (): void => void child.kill('SIGTERM');
  process.once('exit', stopWithUs);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      stopping = true;
      process.off('exit', stopWithUs);
      await stopChild(child);
      forgetOwnRedis(dataDir);
    },
  };
}

/** One redis-server on `port`, resolved once it accepts connections. */
async function launch(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec',
      '--save', '', '--protected-mode', 'yes', '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    await waitUntilListening(child, port);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return child;
}

function waitUntilListening(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = (code: number | null): void => reject(new Error(`redis-server exited with code ${code}: ${stderr.trim().split('\n').pop()}`));
    child.once('error', (error) => reject(new Error(`cannot start redis-server: ${error.message}`)));
    child.once('exit', exited);
    const deadline = Date.now() + 10_000;
    const poll = (): void => {
      const probe = new Socket();
      probe.once('connect', () => {
        probe.destroy();
        child.off('exit', exited);
        resolveReady();
      });
      probe.once('error', () => {
        probe.destroy();
        if (Date.now() > deadline) reject(new Error(`redis-server did not listen on port ${port} within 10 s`));
        else setTimeout(poll, 50);
      });
      probe.connect(port, '127.0.0.1');
    };
    poll();
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
