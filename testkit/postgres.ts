import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freeLoopbackPort } from '../server/src/redis/freePort.js';

/** Debian's PostgreSQL 15 (scripts/setup.sh --for-tests installs it). */
const bin = (name: string): string => join(process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin', name);

/** A throw-away PostgreSQL cluster on a free loopback port, as the tests run it. */
export interface PostgresCluster {
  /** URL of its `postgres` database, as its superuser `tongtang`. */
  adminUrl: string;
  stop(): Promise<void>;
}

// PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's `postgres` user. setpriv execs
// in place (runuser would stay as a parent), so signals reach postgres itself.
const asRoot = userInfo().uid === 0;
const command = (file: string, args: string[]): [string, string[]] =>
  asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--clear-groups', file, ...args]] : [file, args];

/** initdb into a temporary directory and starts `postgres` on it (no fsync: the data dies with the tests). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'tongtang-pg-'));
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const [initFile, initArgs] = command(bin('initdb'), ['-D', dir, '-U', 'tongtang', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const init = spawnSync(initFile, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error?.message}`);
  const port = await freeLoopbackPort();
  const [file, args] = command(bin('postgres'), ['-D', dir, '-k', dir, '-p', String(port), '-h', '127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']);
  const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const adminUrl = `postgres://tongtang@127.0.0.1:${port}/postgres`;
  await waitUntilAccepting(adminUrl, child, () => output);
  return {
    adminUrl,
    stop: async () => {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new, empty database in the cluster, so each test server starts from nothing; returns its URL. */
export async function createTestDatabase(adminUrl: string): Promise<string> {
  const name = `tongtang_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await withClient(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `use` with a pg client connected to `url`, and closes it. */
export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function postgresUser(): { uid: number; gid: number } {
  const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (ids.status !== 0) throw new Error('no `postgres` user: run scripts/setup.sh --for-tests (installs Debian’s postgresql)');
  return { uid: Number(ids.stdout.trim()), gid: Number(gids.stdout.trim()) };
}

async function waitUntilAccepting(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${output()}`);
    if (await withClient(url, (c) => c.query('select 1')).then(() => true, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`postgres did not accept connections: ${output()}`);
}

// SIGINT is PostgreSQL's "fast shutdown": it ends sessions and stops at once.
function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGINT');
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
  });
}
