import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freeLoopbackPort } from './freePort.js';

/** A redis-server the Tongtang server started for itself. */
export interface OwnRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts redis-server on a free loopback port with its data (append-only file
 * on, fsync every second) under `<dataDir>/redis`, so live state — who is in,
 * hands, floor, chat — survives a restart of the Tongtang server.
 */
export async function startOwnRedis(dataDir: string): Promise<OwnRedis> {
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freeLoopbackPort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec',
      '--save', '', '--protected-mode', 'yes', '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // If the server exits without stopping it (a close that outlasted its 5 s, process.exit anywhere), Redis goes too:
  // an orphaned redis-server was found after a bench run. SIGTERM lets it write its append-only file first.
  const stopWithUs = (): void => void child.kill('SIGTERM');
  process.once('exit', stopWithUs);
  await waitUntilListening(child, port);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      process.off('exit', stopWithUs);
      await stopChild(child);
    },
  };
}

function waitUntilListening(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => reject(new Error(`cannot start redis-server: ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}: ${stderr.trim().split('\n').pop()}`)));
    const deadline = Date.now() + 10_000;
    const poll = async (): Promise<void> => {
      const { Socket } = await import('node:net');
      const probe = new Socket();
      probe.once('connect', () => {
        probe.destroy();
        child.removeAllListeners('exit');
        resolveReady();
      });
      probe.once('error', () => {
        probe.destroy();
        if (Date.now() > deadline) reject(new Error(`redis-server did not listen on port ${port} within 10 s`));
        else setTimeout(() => void poll(), 50);
      });
      probe.connect(port, '127.0.0.1');
    };
    void poll();
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
