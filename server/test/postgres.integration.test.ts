import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeacher, scheduleLesson, signIn } from '../../testkit/adminApi.js';
import { createTestDatabase, startPostgresCluster, withClient, type PostgresCluster } from '../../testkit/postgres.js';
import { startServer, workerBinEnv, type ServerProcess } from '../../testkit/serverProcess.js';
import { freeLoopbackPort } from '../src/redis/freePort.js';

/*
 * DATABASE_URL: the server keeps its store in PostgreSQL, not in DATA_DIR —
 * a teacher and a lesson made through the API are rows there, and no SQLite
 * file appears; a second server on the same database sees them, and two
 * starting at once on a new one migrate it once and make one first admin. A
 * bad or unreachable DATABASE_URL ends the start with one clear line and exit 1.
 */

describe('PostgreSQL', () => {
  let cluster: PostgresCluster;
  let databaseUrl: string;
  let server: ServerProcess;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    databaseUrl = await createTestDatabase(cluster.adminUrl);
    server = await startServer({ env: { DATABASE_URL: databaseUrl } });
  });

  afterAll(async () => {
    await server?.stop();
    await cluster?.stop();
  });

  it('keeps accounts and lessons made through the API in PostgreSQL, where a second server finds them', async () => {
    const teacher = await createTeacher(server);
    const lesson = await scheduleLesson({ teacher, title: '数据库课' }, server);
    const rows = await withClient(databaseUrl, async (client) => ({
      account: (await client.query('select login from account where id = $1', [teacher.accountId])).rows,
      lesson: (await client.query('select title, created_at from lesson where id = $1', [lesson.lessonId])).rows,
    }));
    expect(rows.account).toEqual([{ login: teacher.login }]);
    expect(rows.lesson).toEqual([expect.objectContaining({ title: '数据库课' })]);
    expect(readdirSync(server.dataDir)).not.toContain('tongtang.sqlite');

    // Another server process, its own DATA_DIR, the same database and signing key: it knows the teacher.
    const second = await startServer({ env: { DATABASE_URL: databaseUrl } });
    try {
      expect((await signIn(second.url, teacher.login, teacher.password)).accessToken).toBeTruthy();
    } finally {
      await second.stop();
    }
  });

  it('lets two servers start at once on a new database: it is migrated once and has one first admin', async () => {
    const fresh = await createTestDatabase(cluster.adminUrl);
    const servers = await Promise.all([startServer({ env: { DATABASE_URL: fresh } }), startServer({ env: { DATABASE_URL: fresh } })]);
    try {
      const counts = await withClient(fresh, async (client) => ({
        migrations: (await client.query('select count(*)::int as n from kysely_migration')).rows[0].n as number,
        admins: (await client.query("select count(*)::int as n from account where role = 'bureauAdmin'")).rows[0].n as number,
      }));
      expect(counts.migrations).toBeGreaterThan(10);
      expect(counts.admins).toBe(1);
      for (const server of servers) expect((await fetch(`${server.url}/healthz`)).ok).toBe(true);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, naming the setting', async () => {
    const start = await startAndExit({ DATABASE_URL: 'mysql://db.lan/tongtang' });
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/DATABASE_URL/);
  });

  it('ends the start with a clear error when PostgreSQL cannot be reached', async () => {
    const port = await freeLoopbackPort();
    const start = await startAndExit({ DATABASE_URL: `postgres://tongtang:secret@127.0.0.1:${port}/tongtang` });
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/database \(PostgreSQL at postgres:\/\/tongtang:\*\*\*@127\.0\.0\.1:\d+\/tongtang\) could not be opened/);
    expect(start.stderr).not.toContain('secret');
  });
});

/** Runs the server until it exits by itself (it must: its start fails). */
async function startAndExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: new URL('../..', import.meta.url),
    env: { ...process.env, ...workerBinEnv(), PORT: String(await freeLoopbackPort()), HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'tongtang-pg-bad-')), TURN: 'off', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  clearTimeout(timer);
  return { code, stderr };
}
