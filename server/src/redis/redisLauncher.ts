import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { superviseChild, untilListening } from '../superviseChild.js';
import { freeLoopbackPort } from './freePort.js';
import { forgetOwnRedis, stopLeftBehind, writeOwnRedis } from './ownRedisFile.js';

/** A redis-server the Tongtang server started for itself, and keeps running. */
export interface OwnRedis {
  url: string;
  stop(): Promise<void>;
}

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
  const redis = await superviseChild({
    program: 'redis-server',
    launch: () => launch(dir, port),
    logger,
    restartNote: ' on its data',
    logFields: { port },
    onRunning: (running) => writeOwnRedis(dataDir, { pid: running.pid!, port }),
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      await redis.stop();
      forgetOwnRedis(dataDir);
    },
  };
}

/** One redis-server on `port`, resolved once it accepts connections. */
function launch(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec',
      '--save', '', '--protected-mode', 'yes', '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return untilListening(child, { program: 'redis-server', host: '127.0.0.1', port, where: `on port ${port}`, lastWords: () => stderr.trim().split('\n').pop() ?? '' });
}
