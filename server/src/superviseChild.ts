import type { ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import type { Logger } from './log.js';

/*
 * The helper processes the server starts for itself (its own redis-server,
 * its own turnserver) and keeps running. The server process itself is
 * supervised from outside, by supervisor.ts: it restarts at once and gives up
 * on a server that never came up, where a helper is retried until it serves.
 */

/**
 * Pauses before restarting a helper that exited: short enough that a
 * classroom barely notices, long enough that one failing at start does not
 * spin. Back to the first after it has run for a minute.
 */
const RESTART_DELAYS_MS = [1000, 2000, 5000];
const STABLE_AFTER_MS = 60_000;

/** How to run one helper: what `superviseChild` needs of it. */
export interface ChildSupervision {
  /** The program, as the logs name it: `own <program> exited`. */
  program: string;
  /** Starts one copy, resolved once it serves; rejected (that copy stopped) if it cannot. */
  launch(): Promise<ChildProcess>;
  logger: Logger;
  /** Said after "restarting it" when a copy exits, e.g. " on its data". */
  restartNote?: string;
  /** Added to the "restarted" log line, e.g. the port it keeps. */
  logFields?: Record<string, unknown>;
  /** Told of every copy that serves, the first one too (e.g. to record its pid). */
  onRunning?(child: ChildProcess): void;
}

/** A helper under supervision. */
export interface SupervisedChild {
  /** The pid of the copy running now (another after each restart). */
  readonly pid: number | undefined;
  /** Ends the supervision and stops the copy running (SIGTERM), resolved once it has exited. */
  stop(): Promise<void>;
}

/**
 * Launches a helper and supervises it: a copy that exits is started again
 * after 1, 2, then 5 s, and a restart that fails is tried again every 5 s.
 * Rejects, as `launch` does, if the first copy does not come up.
 */
export async function superviseChild(options: ChildSupervision): Promise<SupervisedChild> {
  const { program, launch, logger } = options;
  let child = await launch();
  let stopping = false;
  let restarts = 0;
  const supervise = (running: ChildProcess): void => {
    options.onRunning?.(running);
    const startedAt = Date.now();
    running.once('exit', (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt > STABLE_AFTER_MS) restarts = 0;
      const delayMs = RESTART_DELAYS_MS[Math.min(restarts++, RESTART_DELAYS_MS.length - 1)]!;
      logger.error({ code, signal, delayMs }, `own ${program} exited; restarting it${options.restartNote ?? ''}`);
      setTimeout(() => void restart(), delayMs);
    });
  };
  const restart = async (): Promise<void> => {
    if (stopping) return;
    try {
      child = await launch();
    } catch (error) {
      logger.error({ err: (error as Error).message }, `restarting the own ${program} failed; trying again`);
      setTimeout(() => void restart(), RESTART_DELAYS_MS.at(-1));
      return;
    }
    if (stopping) return void stopChild(child);
    logger.info({ pid: child.pid, ...options.logFields }, `own ${program} restarted`);
    supervise(child);
  };
  supervise(child);

  // A server that exits without stopping it (a close that outlasted its 5 s, process.exit anywhere) takes the
  // helper with it: an orphaned redis-server was found after a bench run. SIGTERM lets Redis write its AOF first.
  const stopWithUs = (): void => void child.kill('SIGTERM');
  process.once('exit', stopWithUs);
  return {
    get pid() {
      return child.pid;
    },
    stop: async () => {
      stopping = true;
      process.off('exit', stopWithUs);
      await stopChild(child);
    },
  };
}

/** Where a helper should listen, and what to say if it does not. */
export interface Listening {
  program: string;
  host: string;
  port: number;
  /** How the timeout names the address: "on port 6379", "on 0.0.0.0:3478". */
  where: string;
  /** The end of what it printed, for the message when it exits before listening. */
  lastWords(): string;
}

/** `child`, once a TCP connection to its address is accepted; stopped, and rejected, if it exits first or does not listen within 10 s. */
export async function untilListening(child: ChildProcess, listening: Listening): Promise<ChildProcess> {
  const { program, host, port } = listening;
  try {
    await new Promise<void>((ready, fail) => {
      const exited = (code: number | null): void => fail(new Error(`${program} exited with code ${code}: ${listening.lastWords()}`));
      child.once('error', (error) => fail(new Error(`cannot start ${program}: ${error.message}`)));
      child.once('exit', exited);
      const deadline = Date.now() + 10_000;
      const poll = (): void => {
        const probe = new Socket();
        probe.once('connect', () => {
          probe.destroy();
          child.off('exit', exited);
          ready();
        });
        probe.once('error', () => {
          probe.destroy();
          if (Date.now() > deadline) fail(new Error(`${program} did not listen ${listening.where} within 10 s`));
          else setTimeout(poll, 50);
        });
        probe.connect(port, host);
      };
      poll();
    });
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return child;
}

/** Stops a copy (SIGTERM), resolved once it has exited (at once if it already has). */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
