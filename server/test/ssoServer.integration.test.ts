import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSchema, auditEntrySchema, classroomSchema, oidcSettingsSchema, signedInSchema, type SignedIn } from '@shared';
import { adminToken, apiCall } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { loginThroughProvider, startOidcProvider, type OidcProviderHandle } from './support/oidcProvider.js';

/*
 * Test 5 of the accounts issue: single sign-on through the real server. A
 * real OpenID Connect provider (oidc-provider) runs on loopback as the
 * regional platform; the bureau admin configures it in Tongtang with a
 * mapping of the platform's school codes and roles; a user who logs in
 * there lands in Tongtang with exactly the school and role the mapping
 * gives, and can act as that (a teacher sees her school's classrooms). A
 * user of an unmapped school gets no account.
 */
describe('single sign-on with the regional platform, through the real server', () => {
  let server: ServerProcess;
  let provider: OidcProviderHandle;

  beforeAll(async () => {
    server = await startServer({ env: { SSO_ALLOW_HTTP: 'on' } });
    const client = { clientId: 'tongtang-main', clientSecret: randomBytes(24).toString('base64url'), redirectUri: `${server.url}/api/auth/sso/callback` };
    provider = await startOidcProvider({
      client,
      accounts: [
        { sub: 'p-2001', name: '陈老师', school_code: 'GD-HW', staff_role: 'T', staff_number: 'T2024001' },
        { sub: 'p-2002', name: '周老师', school_code: 'GD-SP', staff_role: 'A', phone_number: '+86 139 0000 0002' },
        { sub: 'p-2003', name: '外校老师', school_code: 'GD-ELSEWHERE', staff_role: 'T' },
      ],
    });
    await apiCall(server.url, '/bureaus/main/sso', oidcSettingsSchema.omit({ clientSecret: true }), {
      token: await adminToken(server),
      body: {
        issuer: provider.issuer,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        schoolClaim: 'school_code',
        roleClaim: 'staff_role',
        schools: { 'GD-HW': 'hewan', 'GD-SP': 'shanping' },
        roles: { T: 'teacher', A: 'assistant' },
      },
    });
  });

  afterAll(async () => {
    await provider?.close();
    await server?.stop();
  });

  /** Logs in at the platform from the sign-in page's button, then asks Tongtang who the browser is now. */
  async function ssoSignIn(login: string): Promise<{ location: string | null; signed: SignedIn | null }> {
    const result = await loginThroughProvider(`${server.url}/api/auth/sso/main/start?next=/teach`, login);
    const cookie = result.cookies['tongtang_session'];
    if (!cookie) return { location: result.location, signed: null };
    const response = await fetch(`${server.url}/api/auth/session`, { method: 'POST', headers: { cookie: `tongtang_session=${cookie}` } });
    const reply = (await response.json()) as { ok: boolean; data: unknown };
    return { location: result.location, signed: reply.ok ? signedInSchema.parse(reply.data) : null };
  }

  it('the sign-in page lists the bureau that signs in through its platform', async () => {
    const list = (await (await fetch(`${server.url}/api/auth/sso`)).json()) as { data: Array<{ bureauId: string }> };
    expect(list.data.map((b) => b.bureauId)).toEqual(['main']);
  });

  it('a platform user lands with exactly the role and school the mapping gives, and acts as that', async () => {
    const teacher = await ssoSignIn('p-2001');
    expect(teacher.location).toMatch(/\/teach$/);
    expect(teacher.signed?.me).toMatchObject({ kind: 'account', role: 'teacher', schoolId: 'hewan', name: '陈老师', bureauId: 'main', mustChangePassword: false });
    // As a teacher of 河湾: her own school's and the paired city school's classrooms, nothing of 山坪.
    const classrooms = await apiCall(server.url, '/classrooms', classroomSchema.array(), { token: teacher.signed!.accessToken });
    expect(new Set(classrooms.map((c) => c.schoolId))).toEqual(new Set(['hewan', 'chengguan']));

    const assistant = await ssoSignIn('p-2002');
    expect(assistant.signed?.me).toMatchObject({ role: 'assistant', schoolId: 'shanping', name: '周老师' });

    // A second sign-in is the same account, not a new one.
    const again = await ssoSignIn('p-2001');
    expect(again.signed?.me.id).toBe(teacher.signed?.me.id);
    const accounts = await apiCall(server.url, '/accounts', accountSchema.array(), { token: await adminToken(server) });
    expect(accounts.filter((a) => a.sso).map((a) => [a.name, a.role, a.schoolId, a.staffNumber ?? a.phone]).sort()).toEqual(
      [['周老师', 'assistant', 'shanping', '+86 139 0000 0002'], ['陈老师', 'teacher', 'hewan', 'T2024001']].sort(),
    );
  });

  it('a user of a school without a mapping gets no account and is sent back to the sign-in page', async () => {
    const stranger = await ssoSignIn('p-2003');
    expect(stranger.signed).toBeNull();
    expect(stranger.location).toMatch(/\/login\?error=sso$/);
    const accounts = await apiCall(server.url, '/accounts', accountSchema.array(), { token: await adminToken(server) });
    expect(accounts.map((a) => a.name)).not.toContain('外校老师');
    const audit = await apiCall(server.url, '/audit?action=auth.sso&outcome=refused', auditEntrySchema.array(), { token: await adminToken(server) });
    expect(audit.map((a) => a.detail)).toContain('no mapping for school GD-ELSEWHERE');
  });
});
