import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, liveLessonSchema, signedInSchema, terminalSchema, type JoinedLesson, type NoticeOf } from '@shared';
import { adminToken, AdminApiError, apiCall, registerTerminal, scheduleLesson, signIn, terminalToken, type ScheduledLesson } from '../../testkit/adminApi.js';
import { serverHealth } from '../../testkit/health.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, type RawClient } from './support/signallingClient.js';

/*
 * Test 2 of the accounts issue, the token matrix: a forged signature, an
 * expired token, a token for the wrong lesson, a revoked terminal, a token
 * of another school, a token replayed after logout or a password change —
 * each refused with a clear error, and the refused connection gets no media.
 */
describe('sessions and tokens that must not open a lesson', () => {
  let server: ServerProcess;
  let lesson: ScheduledLesson;
  let other: ScheduledLesson;
  const clients: RawClient[] = [];

  /** The handshake's refusal code, or null if the connection was accepted (then it is kept to be closed at the end). */
  const handshake = async (token: string): Promise<string | null> =>
    connectClient(server.url, token).then(
      (client) => {
        clients.push(client);
        return null;
      },
      (error: Error & { data?: { code?: string } }) => error.data?.code ?? error.message,
    );
  const connected = async (token: string): Promise<RawClient> => {
    const client = await connectClient(server.url, token);
    clients.push(client);
    return client;
  };
  const transports = async (): Promise<number> => (await serverHealth(server)).media.transports;

  /** A token signed with the server's own key (read from its data directory) but with claims of our choosing. */
  const signedByServer = (claims: Record<string, unknown>, expiresAt: number): Promise<string> =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('tongtang')
      .setAudience('access')
      .setIssuedAt(Math.floor(expiresAt / 1000) - 600)
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(new TextEncoder().encode(readFileSync(join(server.dataDir, 'auth-secret'), 'utf8').trim()));

  beforeAll(async () => {
    server = await startServer();
    lesson = await scheduleLesson({ classroomIds: ['shanping-4'] }, server);
    other = await scheduleLesson({ classroomIds: ['hewan-4-2'] }, server);
    // The lesson is live with its teacher in it: a refused connection must not reach its media.
    const teacher = await connected(lesson.teacherToken);
    await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    await teacher.ok({ type: 'createTransport', direction: 'send' });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.stop();
  });

  it('refuses a forged signature and an expired token at the handshake and at the API', async () => {
    const genuine = lesson.teacherToken;
    const [header, payload] = genuine.split('.');
    const forged = await new SignJWT(JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('not the server key, but long enough to sign'));
    const unsigned = `${header}.${payload}.`;
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const expired = await signedByServer({ sid: claims['sid'], kind: claims['kind'], role: claims['role'], sub: claims['sub'] }, Date.now() - 1000);
    const before = await transports();
    for (const token of [forged, unsigned, expired]) {
      expect(await handshake(token)).toBe(ErrorCode.Unauthorized);
      const response = await fetch(`${server.url}/api/lessons`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(ErrorCode.Unauthorized);
    }
    // The same claims, validly signed and unexpired, do open a connection: what was refused was the signature and the time.
    expect(await handshake(await signedByServer({ sid: claims['sid'], kind: claims['kind'], role: claims['role'], sub: claims['sub'] }, Date.now() + 60_000))).toBeNull();
    expect(await transports()).toBe(before);
  });

  it('refuses the wrong lesson and another school, and the refused connection gets no media', async () => {
    const before = await transports();
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ["the other lesson's teacher", other.teacherToken, { role: 'teacher' }],
      ["the other lesson's classroom (another school)", other.classrooms[0]!.token, { role: 'classroom', classroomId: 'hewan-4-2' }],
      ['a terminal of another school posing as this lesson’s classroom', other.classrooms[0]!.token, { role: 'classroom', classroomId: 'shanping-4' }],
      ['this lesson’s classroom posing as the teacher', lesson.classrooms[0]!.token, { role: 'teacher' }],
    ];
    for (const [what, token, join] of cases) {
      const client = await connected(token);
      const reply = await client.send({ type: 'joinLesson', lessonId: lesson.lessonId, ...join });
      expect(reply.ok, what).toBe(false);
      if (!reply.ok) expect(reply.error.code, what).toBe(ErrorCode.Forbidden);
      const media = await client.send({ type: 'createTransport', direction: 'recv' });
      expect(media.ok ? null : media.error.code, what).toBe(ErrorCode.NotJoined);
    }
    expect(await transports()).toBe(before);
    const live = await apiCall(server.url, `/lessons/${lesson.lessonId}/live`, liveLessonSchema, { token: await adminToken(server) });
    expect(live.participants.map((p) => p.id)).toEqual(['teacher']);
  });

  it('a revoked terminal is put out of the lesson at once and cannot come back', async () => {
    const terminal = await registerTerminal('shanping-4', server);
    const token = await terminalToken(terminal.credential, server);
    const client = await connected(token);
    await client.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId: 'shanping-4' });
    await client.ok({ type: 'createTransport', direction: 'recv' });
    const from = client.notices.length;
    const revokedAt = Date.now();
    await apiCall(server.url, `/terminals/${terminal.terminalId}/revoke`, terminalSchema, { token: await adminToken(server), body: {} });
    const notice: NoticeOf<'signedOut'> = await client.notice('signedOut', from, 5000);
    expect(notice.reason).toBe('revoked');
    await expect.poll(() => client.socket.connected, { timeout: 5000 }).toBe(false);
    await expect.poll(async () => (await apiCall(server.url, `/lessons/${lesson.lessonId}/live`, liveLessonSchema, { token: await adminToken(server) })).participants.map((p) => p.id), { timeout: 5000 }).toEqual(['teacher']);
    expect(Date.now() - revokedAt).toBeLessThan(5000);
    expect(await handshake(token)).toBe(ErrorCode.Unauthorized);
    // Its link is dead too: opening the QR code again gives nothing.
    await expect(terminalToken(terminal.credential, server)).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
  });

  it('a token replayed after logout, or after a password change, is refused', async () => {
    const { teacherLogin } = lesson;
    const session = await signIn(server.url, teacherLogin.login, teacherLogin.password);
    const logout = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(logout.status).toBe(200);
    expect(await handshake(session.accessToken)).toBe(ErrorCode.Unauthorized);
    await expect(apiCall(server.url, '/lessons', signedInSchema, { token: session.accessToken })).rejects.toMatchObject({ status: 401 });

    const before = await signIn(server.url, teacherLogin.login, teacherLogin.password);
    const live = await connected(before.accessToken);
    const next = `${teacherLogin.password}-changed`;
    await apiCall(server.url, '/auth/password', signedInSchema, { token: before.accessToken, body: { current: teacherLogin.password, next } });
    await expect.poll(() => live.socket.connected, { timeout: 5000 }).toBe(false);
    expect(await handshake(before.accessToken)).toBe(ErrorCode.Unauthorized);
    await expect(signIn(server.url, teacherLogin.login, teacherLogin.password)).rejects.toBeInstanceOf(AdminApiError);
    expect((await signIn(server.url, teacherLogin.login, next)).me.role).toBe('teacher');
  });
});
