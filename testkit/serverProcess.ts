import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPort } from '../server/src/redis/freePort.js';
import { createTestDatabase } from './postgres.js';
import { serverFetch, trustServerCa } from './trustedFetch.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A Tongtang server process started the way `npm start` starts it, on loopback only. */
export interface ServerProcess {
  /** The address it serves, http:// or (TLS=on) https://, as it printed it. */
  url: string;
  port: number;
  rtcPort: number;
  /** The first bureau admin's password (login `admin`). */
  adminPassword: string;
  dataDir: string;
  /** Its DATABASE_URL (PostgreSQL), or null when its store is the SQLite file in dataDir. */
  databaseUrl: string | null;
  /** Its own CA (DATA_DIR/tls/ca.pem) when it serves HTTPS from it; the tests' requests trust it (see trustedFetch). */
  caPem: string | null;
  child: ChildProcess;
  /** The server process itself: `child`, or under the supervisor the process it started (and restarts). */
  serverPid(): number;
  output(): string;
  stop(): Promise<void>;
}

/** The worker binary the set-up built (scripts/setup.sh writes its path). */
export function workerBinEnv(): Record<string, string> {
  const line = readFileSync(join(root, 'node_modules/.tongtang/env'), 'utf8');
  const match = /MEDIASOUP_WORKER_BIN='([^']+)'/.exec(line);
  if (!match?.[1]) throw new Error('run scripts/setup.sh first: no mediasoup worker configured');
  return { MEDIASOUP_WORKER_BIN: match[1] };
}

// With TEST_DATABASE=postgres, each data directory gets a database of its own in the run's cluster, kept
// across restarts on the same directory as its SQLite file would be.
const postgresOf = new Map<string, string>();
async function databaseEnv(dataDir: string, env: Record<string, string> | undefined): Promise<Record<string, string>> {
  const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL;
  if (process.env.TEST_DATABASE !== 'postgres' || env?.DATABASE_URL !== undefined) return {};
  if (!adminUrl) throw new Error('TEST_DATABASE=postgres without a cluster: vitest.config.ts starts one (testkit/postgresGlobalSetup.ts)');
  if (!postgresOf.has(dataDir)) postgresOf.set(dataDir, await createTestDatabase(adminUrl));
  return { DATABASE_URL: postgresOf.get(dataDir)! };
}

/** Starts the server on free loopback ports with a fresh data directory (or the given one, to test restarts). */
export async function startServer(
  options: { dataDir?: string; env?: Record<string, string>; port?: number; rtcPort?: number; supervised?: boolean } = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freeLoopbackPort());
  const rtcPort = options.rtcPort ?? (await freeLoopbackPort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tongtang-test-'));
  const adminPassword = 'test-admin-password-0123';
  // Supervised: as `npm start` runs it (scripts/start.sh), so a test can kill the server and see it come back.
  const entry = options.supervised ? 'server/src/supervisor.ts' : 'server/src/main.ts';
  const database = { ...(await databaseEnv(dataDir, options.env)), ...options.env }.DATABASE_URL ?? null;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: {
      ...process.env,
      ...workerBinEnv(),
      PORT: String(port),
      HOST: '127.0.0.1',
      RTC_LISTEN_IP: '127.0.0.1',
      RTC_ANNOUNCED_IP: '127.0.0.1',
      RTC_PORT: String(rtcPort),
      WORKERS: '1',
      DATA_DIR: dataDir,
      ADMIN_INITIAL_PASSWORD: adminPassword,
      LOG_LEVEL: 'info',
      // The own TURN relay binds fixed ports; only the tests about it start it (TURN=on, their own ports).
      TURN: 'off',
      ...options.env,
      ...(database ? { DATABASE_URL: database } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await waitForHealth(child, () => output, dataDir);
  const caFile = join(dataDir, 'tls', 'ca.pem');
  const caPem = url.startsWith('https:') && existsSync(caFile) ? readFileSync(caFile, 'utf8') : null;
  return {
    url,
    caPem,
    port,
    rtcPort,
    adminPassword,
    dataDir,
    databaseUrl: database,
    child,
    serverPid: () => (options.supervised ? childPidOf(child.pid!) : child.pid!),
    output: () => output,
    stop: () =>
      new Promise<void>((done) => {
        // A process killed by a signal (a test's SIGKILL) has no exit code, only its signal.
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Waits for the address the server prints ("is running — … (health: URL/healthz)") to answer; returns it. */
async function waitForHealth(child: ChildProcess, output: () => string, dataDir: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output()}`);
    const url = /is running — \S+ +\(health: (\S+)\/healthz\)/.exec(output())?.[1];
    const caFile = join(dataDir, 'tls', 'ca.pem');
    if (url?.startsWith('https:') && existsSync(caFile)) trustServerCa(url, readFileSync(caFile, 'utf8'));
    const ok = url ? await serverFetch(`${url}/healthz`).then((r) => r.ok, () => false) : false;
    if (ok) return url!;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy: ${output()}`);
}

/** The one process `pid` started (the supervisor's server). */
function childPidOf(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  if (children.length !== 1) throw new Error(`expected one server process under the supervisor, found ${children.length}`);
  return children[0]!;
}
