import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@shared';
import { adminToken, scheduleLesson, type ScheduledLesson } from '../../testkit/adminApi.js';
import { freeLoopbackPort } from '../src/redis/freePort.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

/*
 * Test 4 of the edge issue: security headers on pages and API, origins,
 * JSON errors without stacks, what /healthz tells the public, source maps
 * not served, connections per address, and secrets never printed.
 */
const dist = fileURLToPath(new URL('../../client/dist/assets/', import.meta.url));

describe('the hardened edge', () => {
  let server: ServerProcess;
  let lesson: ScheduledLesson;

  beforeAll(async () => {
    server = await startServer({ env: { MAX_CONNECTIONS_PER_ADDRESS: '3' } });
    lesson = await scheduleLesson({ classroomIds: ['shanping-4'] }, server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Opens a signalling connection with a token and an Origin header; 'ok' or the refusal. */
  const connect = (token: string, origin?: string): Promise<{ result: string; close(): void }> =>
    new Promise((done) => {
      const socket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token }, ...(origin ? { extraHeaders: { origin } } : {}) });
      socket.once('connect', () => done({ result: 'ok', close: () => socket.close() }));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
        socket.close();
        done({ result: error.data?.code ?? error.message, close: () => undefined });
      });
    });

  it('puts every security header on pages and on the API', async () => {
    for (const [path, init] of [
      ['/', {}],
      ['/lesson/x/classroom/y', {}],
      ['/api/auth/session', { method: 'POST' }],
      ['/api/lessons', {}],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, init);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('x-powered-by'), path).toBeNull();
      // Plain HTTP on loopback: no HSTS (it is sent only over HTTPS).
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('refuses a signalling connection and an API call from another origin', async () => {
    const other = await connect(lesson.teacherToken, 'http://evil.example');
    expect(other.result).not.toBe('ok');
    const own = await connect(lesson.teacherToken, server.url);
    expect(own.result).toBe('ok');
    own.close();
    const foreign = await fetch(`${server.url}/api/lessons`, { headers: { origin: 'http://evil.example', authorization: `Bearer ${lesson.teacherToken}` } });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe(ErrorCode.Forbidden);
    const same = await fetch(`${server.url}/api/lessons`, { headers: { origin: server.url, authorization: `Bearer ${lesson.teacherToken}` } });
    expect(same.status).toBe(200);
  });

  it('answers malformed JSON with a JSON 400 and no stack', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"login": "admin", "password":' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/json');
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(text).not.toMatch(/at .*\.js|node_modules|<html|SyntaxError/i);
  });

  it('tells the public only whether it is healthy; the details are an admin’s', async () => {
    const open = await fetch(`${server.url}/healthz`);
    expect(await open.json()).toEqual({ ok: true });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(401);
    const teacher = await fetch(`${server.url}/api/health`, { headers: { authorization: `Bearer ${lesson.teacherToken}` } });
    expect(teacher.status).toBe(403);
    const admin = (await (await fetch(`${server.url}/api/health`, { headers: { authorization: `Bearer ${await adminToken(server)}` } })).json()) as { data: { workers: Array<{ pid: number }> } };
    expect(admin.data.workers[0]!.pid).toBeGreaterThan(0);
  });

  it('does not serve source maps', async () => {
    const map = readdirSync(dist).find((name) => name.endsWith('.js.map'));
    expect(map, 'the build writes source maps (for the server’s disk only)').toBeDefined();
    expect((await fetch(`${server.url}/assets/${map}`)).status).toBe(404);
    expect((await fetch(`${server.url}/assets/${map!.replace(/\.map$/, '')}`)).status).toBe(200);
  });

  it('limits signalling connections per address', async () => {
    const held = [await connect(lesson.teacherToken), await connect(lesson.teacherToken), await connect(lesson.teacherToken)];
    expect(held.map((c) => c.result)).toEqual(['ok', 'ok', 'ok']);
    expect((await connect(lesson.teacherToken)).result).toBe(ErrorCode.RateLimited);
    held[0]!.close();
    await new Promise((r) => setTimeout(r, 300));
    const again = await connect(lesson.teacherToken);
    expect(again.result).toBe('ok');
    for (const c of [...held, again]) c.close();
  });

  it('never prints a Redis password', async () => {
    const closedPort = await freeLoopbackPort();
    await expect(startServer({ env: { REDIS_URL: `redis://:s3cret-pass-Zq9@127.0.0.1:${closedPort}` } })).rejects.toSatisfy((error: Error) => {
      expect(error.message).toContain('redis://:***@127.0.0.1');
      expect(error.message).not.toContain('s3cret-pass-Zq9');
      return true;
    });
  });
});
