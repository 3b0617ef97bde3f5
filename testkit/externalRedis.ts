import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

/** A redis-server the test runs itself, as a school's own Redis would be: AOF on, on a loopback port. */
export interface ExternalRedis {
  url: string;
  /** SHUTDOWN (Redis writes and fsyncs its AOF, then exits); resolves once the process has exited. */
  shutdown(): Promise<void>;
  /** Starts it again on the same port and directory; resolves once it answers PING. */
  start(): Promise<void>;
}

export async function externalRedis(port: number, dir: string): Promise<ExternalRedis> {
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}`;
  const start = async (): Promise<void> => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''], { stdio: 'ignore' });
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
    probe.on('error', () => undefined);
    try {
      await probe.ping();
    } finally {
      probe.disconnect();
    }
  };
  await start();
  process.once('exit', () => child?.kill('SIGKILL'));
  return {
    url,
    start,
    shutdown: async () => {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((done) => running.once('exit', done));
      await promisify(execFile)('redis-cli', ['-p', String(port), 'SHUTDOWN']).catch(() => undefined); // the connection closes as Redis exits
      await exited;
    },
  };
}
