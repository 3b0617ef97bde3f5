import { readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The own redis-server as its owner file records it. */
export interface OwnRedisRecord {
  pid: number;
  port: number;
}

const fileOf = (dataDir: string): string => join(dataDir, 'redis', 'redis-server.json');

/** The redis-server a server on this data directory last started (it may have died since), or null. */
export function readOwnRedis(dataDir: string): OwnRedisRecord | null {
  try {
    const record = JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as Partial<OwnRedisRecord>;
    return typeof record.pid === 'number' && typeof record.port === 'number' ? { pid: record.pid, port: record.port } : null;
  } catch {
    return null;
  }
}

export function writeOwnRedis(dataDir: string, record: OwnRedisRecord): void {
  writeFileSync(fileOf(dataDir), JSON.stringify(record) + '\n');
}

export function forgetOwnRedis(dataDir: string): void {
  rmSync(fileOf(dataDir), { force: true });
}

/**
 * Stops the redis-server a previous run on this data directory left behind
 * (the server was SIGKILLed, so its exit hook never ran): two redis-servers
 * appending to one AOF would corrupt it. SIGTERM lets it write and fsync the
 * AOF; after 10 s it is killed. Returns whether there was one.
 */
export async function stopLeftBehind(dataDir: string): Promise<boolean> {
  const record = readOwnRedis(dataDir);
  if (!record || !isOurRedis(record.pid, join(dataDir, 'redis'))) return false;
  signal(record.pid, 'SIGTERM');
  for (let killed = false, deadline = Date.now() + 10_000; isRunning(record.pid); ) {
    if (!killed && Date.now() > deadline) killed = signal(record.pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
  }
  forgetOwnRedis(dataDir);
  return true;
}

/** Sends a signal to a process that may have ended meanwhile. */
function signal(pid: number, name: NodeJS.Signals): true {
  try {
    process.kill(pid, name);
  } catch {
    // it ended on its own
  }
  return true;
}

/**
 * A live redis-server working in `dir` (a recycled pid belongs to something
 * else and is left alone). Redis rewrites its command line to its address and
 * changes into its `--dir`, so its name and working directory tell.
 */
function isOurRedis(pid: number, dir: string): boolean {
  try {
    return isRunning(pid) && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'redis-server' && readlinkSync(`/proc/${pid}/cwd`) === dir;
  } catch {
    return false;
  }
}

/** Alive and not a zombie: an orphan's exit is reaped by init, which may take a moment (or never, in some containers). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
