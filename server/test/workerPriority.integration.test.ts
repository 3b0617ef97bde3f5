import { getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { serverHealth } from '../../testkit/health.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

/*
 * The media workers run ahead of the rest of the server (WORKER_NICE, see
 * server/src/media/workerPriority.ts), a replacement worker too; where the
 * server may not raise a priority it says so and the workers still run.
 */
describe('the media workers’ priority', () => {
  let server: ServerProcess | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  const mayRaise = process.getuid?.() === 0;

  it('runs each worker at WORKER_NICE, and the one that replaces a dead worker as well', async () => {
    server = await startServer({ env: { WORKERS: '2' } });
    const workers = (await serverHealth(server)).workers;
    expect(workers).toHaveLength(2);
    if (!mayRaise) {
      // Not root here: the workers run at the server's own priority, and the log says why.
      for (const w of workers) expect(getPriority(w.pid)).toBe(getPriority(server.serverPid()));
      expect(server.output()).toContain('WORKER_NICE needs root or CAP_SYS_NICE');
      return;
    }
    for (const w of workers) expect(getPriority(w.pid)).toBe(-10);

    process.kill(workers[0]!.pid, 'SIGKILL');
    const replaced = async () => {
      const first = (await serverHealth(server!)).workers[0]!;
      return first.alive && first.pid !== workers[0]!.pid;
    };
    await expect.poll(replaced, { message: 'a new worker runs in place of the killed one', timeout: 20_000 }).toBe(true);
    const replacement = (await serverHealth(server)).workers[0]!;
    expect(getPriority(replacement.pid)).toBe(-10);
  });

  it('leaves the workers at the server’s own priority with WORKER_NICE=0', async () => {
    server = await startServer({ env: { WORKERS: '1', WORKER_NICE: '0' } });
    const [worker] = (await serverHealth(server)).workers;
    expect(getPriority(worker!.pid)).toBe(getPriority(server.serverPid()));
  });

  it('refuses a niceness outside −20…19 at start-up, naming the setting', async () => {
    await expect(startServer({ env: { WORKER_NICE: '-40' } })).rejects.toThrow(/WORKER_NICE/);
  });
});
