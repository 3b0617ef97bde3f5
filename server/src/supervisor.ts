import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` runs the server under this supervisor: if the server process
 * dies (a crash, the kernel's OOM killer, a kill -9) it is started again at
 * once, and the pages reconnect and take their places by themselves. Only a
 * server that had come up is restarted: one that cannot start (a bad
 * setting, a port in use) fails once with its clear message, as without the
 * supervisor. Restarts in quick succession back off to at most 10 s apart,
 * so a server that crashes at every start does not spin. SIGINT and SIGTERM
 * stop the server and then the supervisor. (The helpers the server starts,
 * its own redis-server and turnserver, it supervises itself: superviseChild.ts.)
 *
 * Under systemd, run `server/src/main.ts` directly with `Restart=always`
 * instead (README, "Running under systemd"): systemd is then the supervisor.
 */
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
/** A run this long counts as healthy: the next crash restarts at once again. */
const STABLE_AFTER_MS = 30_000;
const MAX_BACKOFF_MS = 10_000;

let child: ChildProcess | null = null;
let stopping = false;
let quickCrashes = 0;

function start(): void {
  const startedAt = Date.now();
  let ready = false;
  const server = spawn(process.execPath, ['--import', 'tsx', main], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: process.env });
  child = server;
  server.on('message', (message) => {
    if (message === 'ready') ready = true;
  });
  server.on('exit', (code, signal) => {
    child = null;
    if (stopping) return process.exit(code ?? 0);
    if (!ready) {
      process.stderr.write(`tongtang: the server did not start (exit ${code ?? signal}); not restarting it\n`);
      return process.exit(code || 1);
    }
    quickCrashes = Date.now() - startedAt < STABLE_AFTER_MS ? quickCrashes + 1 : 0;
    const delay = Math.min(MAX_BACKOFF_MS, quickCrashes <= 1 ? 0 : 1000 * 2 ** (quickCrashes - 2));
    process.stderr.write(`tongtang: the server stopped (${signal ?? `exit ${code}`}); starting it again${delay ? ` in ${delay / 1000} s` : ''}\n`);
    setTimeout(start, delay);
  });
}

function stop(signal: NodeJS.Signals): void {
  stopping = true;
  if (!child) process.exit(0);
  child.kill(signal);
}

process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
start();
