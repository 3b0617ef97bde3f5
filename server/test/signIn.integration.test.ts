import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntrySchema, ErrorCode } from '@shared';
import { adminToken, AdminApiError, apiCall, createTeacher, signIn } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

/*
 * Test 6 of the accounts issue: login brute force. Wrong passwords are
 * counted in Redis per account (5 a window) and per address (30): at the
 * limit a sign-in is refused before its password is checked — so even the
 * right password is refused — and works again after the window. The window
 * is 3 s here (LOGIN_WINDOW_SECONDS) so the test need not wait a minute.
 */
const WINDOW_S = 3;

describe('signing in', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer({ env: { LOGIN_WINDOW_SECONDS: String(WINDOW_S) } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const attempt = (login: string, password: string): Promise<string> =>
    signIn(server.url, login, password).then(
      () => 'ok',
      (error: AdminApiError) => error.code,
    );

  it('refuses the 6th wrong password in a window without checking it, and the right one works after the window', async () => {
    const teacher = await createTeacher(server);
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push(await attempt(teacher.login, `wrong-password-${i}`));
    expect(wrong).toEqual(Array(5).fill(ErrorCode.Unauthorized));
    // The 6th try is the right password: refused all the same, so its answer says nothing about the password.
    expect(await attempt(teacher.login, teacher.password)).toBe(ErrorCode.RateLimited);
    // Another account is not held up by this one.
    const colleague = await createTeacher(server);
    expect(await attempt(colleague.login, colleague.password)).toBe('ok');
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000 + 500));
    expect(await attempt(teacher.login, teacher.password)).toBe('ok');
    // The refusals are in the audit trail, with the login tried and the address.
    const audit = await apiCall(server.url, `/audit?action=auth.login&outcome=refused&actor=${teacher.login}`, auditEntrySchema.array(), { token: await adminToken(server) });
    expect(audit.map((e) => e.detail), JSON.stringify(audit)).toHaveLength(6);
    expect(audit.every((entry) => entry.address?.endsWith('127.0.0.1'))).toBe(true);
  });

  it('counts wrong passwords per address across accounts', async () => {
    const logins = Array.from({ length: 31 }, (_, i) => `nobody-${i}`);
    const answers = [];
    for (const login of logins) answers.push(await attempt(login, 'guess-guess-guess'));
    expect(answers.slice(0, 30).every((a) => a === ErrorCode.Unauthorized)).toBe(true);
    expect(answers[30]).toBe(ErrorCode.RateLimited);
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000 + 500));
  });

  it('the first admin must change a one-time password before anything else', async () => {
    // A reset password is one-time: the account can sign in but do nothing else until it changes it.
    const teacher = await createTeacher(server);
    const reset = await fetch(`${server.url}/api/accounts/${teacher.accountId}/reset-password`, { method: 'POST', headers: { authorization: `Bearer ${await adminToken(server)}` } });
    const { data } = (await reset.json()) as { data: { initialPassword: string } };
    const signed = await signIn(server.url, teacher.login, data.initialPassword);
    expect(signed.me.mustChangePassword).toBe(true);
    const lessons = await fetch(`${server.url}/api/lessons`, { headers: { authorization: `Bearer ${signed.accessToken}` } });
    expect(lessons.status).toBe(403);
    expect(((await lessons.json()) as { error: { code: string } }).error.code).toBe(ErrorCode.PasswordChangeRequired);
    // The old password no longer works.
    expect(await attempt(teacher.login, teacher.password)).toBe(ErrorCode.Unauthorized);
  });
});
