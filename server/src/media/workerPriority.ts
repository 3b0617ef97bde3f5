import { setPriority } from 'node:os';

/**
 * The media workers run ahead of everything else on the server. A worker
 * stamps each packet's arrival when it reads it from its socket; a worker
 * left waiting for a core (behind a recording's ffmpeg, PostgreSQL, the
 * Node process, or on a test machine the browsers) stamps late and unevenly,
 * and the senders' bandwidth estimate reads that as a congested network: a
 * teacher's camera on loopback fell from 5.3 to 1.0 Mbit/s, dropped its 720p
 * layer and froze every classroom for 2.6 s while the worker used a tenth of
 * a core. A worker needs little CPU, but at once.
 *
 * Raising a priority needs root or CAP_SYS_NICE (systemd: `Nice=` or
 * `AmbientCapabilities=CAP_SYS_NICE`); without it the workers run at the
 * server's own priority and the pool says so once.
 */

/** Sets the worker's niceness (`WORKER_NICE`; 0 leaves it as it is); false when the server may not. */
export function prioritiseWorker(pid: number, nice: number): boolean {
  if (nice === 0) return true;
  try {
    setPriority(pid, nice);
    return true;
  } catch {
    return false;
  }
}
