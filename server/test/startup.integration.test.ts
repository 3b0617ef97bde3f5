import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AdminApiError, signIn, terminalToken } from '../../testkit/adminApi.js';
import { freeLoopbackPort } from '../src/redis/freePort.js';
import { workerBinEnv } from '../../testkit/serverProcess.js';
import { connectClient } from './support/signallingClient.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm start`'s server entry with extra environment and returns how it ended. */
async function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...workerBinEnv(),
      HOST: '127.0.0.1',
      RTC_LISTEN_IP: '127.0.0.1',
      RTC_ANNOUNCED_IP: '127.0.0.1',
      PORT: String(await freeLoopbackPort()),
      RTC_PORT: String(await freeLoopbackPort()),
      WORKERS: '1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tongtang-start-')),
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  return { code, stderr };
}

/** What a plain `npm start` prints once it runs (nothing else: LOG_LEVEL=silent), and its address; stops it again. */
async function printedAtStart(env: Record<string, string>, use: (url: string, stdout: string) => Promise<void> = async () => undefined): Promise<string> {
  const port = await freeLoopbackPort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...workerBinEnv(),
      HOST: '127.0.0.1',
      RTC_LISTEN_IP: '127.0.0.1',
      RTC_ANNOUNCED_IP: '127.0.0.1',
      PORT: String(port),
      RTC_PORT: String(await freeLoopbackPort()),
      WORKERS: '1',
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  try {
    // The banner is one write that ends with an empty line.
    for (const deadline = Date.now() + 60_000; !(stdout.includes('Tongtang is running') && stdout.endsWith('\n\n')); await new Promise((r) => setTimeout(r, 100))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server printed no banner: ${stdout}${stderr}`);
    }
    await use(`http://127.0.0.1:${port}`, stdout);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  return stdout;
}

/** The demo lines `npm start` prints: the teacher's sign-in and each demo classroom's terminal link credential. */
function demoSignIns(stdout: string): { login: string; password: string; credentials: string[] } {
  const teacher = /login: (\S+) {3}password: (\S+)/.exec(stdout);
  const credentials = [...stdout.matchAll(/terminal link: {2}http:\/\/127\.0\.0\.1:\d+\/t#t=(\S+)/g)].map((m) => m[1]!);
  return { login: teacher?.[1] ?? '', password: teacher?.[2] ?? '', credentials };
}

const listening = (port: number): Promise<Server> =>
  new Promise((done) => {
    const server = createServer().listen(port, '127.0.0.1', () => done(server));
  });

describe('starting with a configuration that cannot work', () => {
  it('exits non-zero with one clear line when the HTTP port is in use', async () => {
    const port = await freeLoopbackPort();
    const blocker = await listening(port);
    try {
      const { code, stderr } = await start({ PORT: String(port) });
      expect(code).not.toBe(0);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`port ${port}`);
      expect(stderr).toContain('already in use');
    } finally {
      blocker.close();
    }
  });

  it('exits non-zero with one clear line when the media port is in use', async () => {
    const port = await freeLoopbackPort();
    const udp = createSocket('udp4');
    await new Promise<void>((done) => udp.bind(port, '127.0.0.1', () => done()));
    try {
      const { code, stderr } = await start({ RTC_PORT: String(port) });
      expect(code).not.toBe(0);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`media port ${port}`);
    } finally {
      udp.close();
    }
  });

  it('exits non-zero with one clear line when Redis is unreachable', async () => {
    const deadPort = await freeLoopbackPort();
    const { code, stderr } = await start({ REDIS_URL: `redis://127.0.0.1:${deadPort}` });
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`cannot reach Redis at redis://127.0.0.1:${deadPort}`);
  });

  it('exits non-zero naming every bad variable', async () => {
    const { code, stderr } = await start({ WORKERS: 'many', PORT: '70000', LOG_LEVEL: 'loud' });
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/bad configuration — .*PORT.*WORKERS.*LOG_LEVEL|bad configuration — .*WORKERS/);
    for (const name of ['PORT', 'WORKERS', 'LOG_LEVEL']) expect(stderr).toContain(name);
  });
});

describe('what `npm start` prints', () => {
  it('with the demo on: the demo teacher’s sign-in and a terminal link per demo classroom, which work, and no permanent key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongtang-start-'));
    const first = await printedAtStart({ DATA_DIR: dataDir }, async (url, stdout) => {
      const { login, password, credentials } = demoSignIns(stdout);
      expect(login).toBe('wang');
      // The demo teacher signs in with what was printed and teaches the demo lesson.
      const teacher = await signIn(url, login, password);
      const client = await connectClient(url, teacher.accessToken);
      try {
        expect(await client.send({ type: 'joinLesson', lessonId: 'demo', role: 'teacher' })).toMatchObject({ ok: true });
      } finally {
        client.close();
      }
      // Each printed terminal link opens a terminal session.
      expect(credentials).toHaveLength(2);
      for (const credential of credentials) expect(await terminalToken(credential, { url, adminPassword: '' })).toEqual(expect.any(String));
    });
    expect(first).toContain('示范课 demo lesson');
    expect(first).toMatch(/主讲教师 teacher 王老师: sign in at http:\/\/127\.0\.0\.1:\d+\/login {3}login: wang {3}password: \S+/);
    expect(first).toContain('接收课堂 山坪村小学 · 四年级 terminal link:  ');
    expect(first).toContain('接收课堂 河湾乡中心小学 · 四年级(2)班 terminal link:  ');
    // No link carries a key that opens a lesson for ever.
    expect(first).not.toMatch(/[?&]key=/);
    // The very first start shows the first admin's one-time password, once.
    expect(first).toMatch(/admin login: admin {3}一次性密码 one-time password: \S+/);

    // The next start on the same data: a new password and new links; what was printed before opens nothing now.
    const before = demoSignIns(first);
    const second = await printedAtStart({ DATA_DIR: dataDir }, async (url, stdout) => {
      const now = demoSignIns(stdout);
      expect(now.password).not.toBe(before.password);
      expect(now.credentials).toHaveLength(2);
      for (const credential of now.credentials) expect(before.credentials).not.toContain(credential);
      await expect(signIn(url, 'wang', before.password)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      for (const credential of before.credentials) {
        await expect(terminalToken(credential, { url, adminPassword: '' })).rejects.toBeInstanceOf(AdminApiError);
      }
      expect(await signIn(url, 'wang', now.password)).toMatchObject({ accessToken: expect.any(String) });
    });
    expect(second).not.toContain('one-time password');
    expect(second).not.toMatch(/[?&]key=/);
  });

  it('with DEMO=off: no demo sign-in and no terminal link', async () => {
    const printed = await printedAtStart({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tongtang-start-')), DEMO: 'off' });
    expect(printed).toContain('Tongtang is running');
    expect(printed).not.toContain('示范课');
    expect(printed).not.toContain('主讲教师');
    expect(printed).not.toContain('login: wang');
    expect(printed).not.toContain('#t=');
    expect(printed).not.toMatch(/[?&]key=/);
  });
});
