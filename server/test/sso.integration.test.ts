import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssoRoutes, type BureauOidcSettings, type SsoIdentity } from '../src/http/sso.js';
import { loginThroughProvider, startOidcProvider, startUnresponsiveServer, type OidcProviderHandle, type PlatformAccount } from './support/oidcProvider.js';

/*
 * Single sign-on against a real OpenID Connect provider on loopback. The
 * routes run in a small Express app whose signIn records the identity and
 * sets a cookie; the real accounts server will take its place.
 */

const accounts: PlatformAccount[] = [
  { sub: 'p-1001', name: '李老师', school_code: 'GD-0001', staff_role: 'T', staff_number: 'T2023017', phone_number: '+86 138 0000 0001' },
  { sub: 'p-1002', name: '王老师', school_code: 'GD-0999', staff_role: 'T' },
  { sub: 'p-1003', name: '赵校长', school_code: 'GD-0001', staff_role: 'PRINCIPAL' },
];
const mapping = {
  schoolClaim: 'school_code',
  roleClaim: 'staff_role',
  schools: { 'GD-0001': 'hewan-primary' },
  roles: { T: 'teacher', A: 'assistant' },
} satisfies Partial<BureauOidcSettings>;
const teacherLi: SsoIdentity = {
  bureauId: 'gd',
  subject: 'p-1001',
  name: '李老师',
  schoolId: 'hewan-primary',
  role: 'teacher',
  staffNumber: 'T2023017',
  phone: '+86 138 0000 0001',
};

describe('single sign-on with a bureau platform (OpenID Connect)', () => {
  const app = express();
  const server: Server = createServer(app);
  let publicUrl = '';
  const providers: OidcProviderHandle[] = [];
  const closers: Array<() => Promise<void>> = [];
  const settings = new Map<string, BureauOidcSettings>();
  const signedIn: SsoIdentity[] = [];
  const refusals: Array<{ reason: string; bureauId: string | null }> = [];
  const startUrl = (bureauId: string, next?: string): string =>
    `${publicUrl}/api/auth/sso/${bureauId}/start${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`;
  const lastRefusal = (): { reason: string; bureauId: string | null } | undefined => refusals.at(-1);

  /** A platform for `bureauId`, with its own client registration. */
  async function addPlatform(bureauId: string, options: { claimsIn?: 'userinfo' | 'idToken'; clientAuthMethod?: 'client_secret_basic' | 'client_secret_post' } = {}): Promise<OidcProviderHandle> {
    const client = { clientId: `tongtang-${bureauId}`, clientSecret: randomBytes(24).toString('base64url'), redirectUri: `${publicUrl}/api/auth/sso/callback` };
    const provider = await startOidcProvider({ client, accounts, ...options });
    providers.push(provider);
    settings.set(bureauId, { issuer: provider.issuer, clientId: client.clientId, clientSecret: client.clientSecret, ...mapping });
    return provider;
  }

  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    publicUrl = `http://127.0.0.1:${address.port}`;
    app.use(
      '/api/auth/sso',
      ssoRoutes({
        publicUrl,
        settingsOf: async (bureauId) => settings.get(bureauId) ?? null,
        signIn: async (identity, _req, res) => {
          signedIn.push(identity);
          res.cookie('tt_session', `session-of-${identity.subject}`, { httpOnly: true, sameSite: 'lax', path: '/' });
        },
        refused: (reason, _req, bureauId) => refusals.push({ reason, bureauId }),
        stateKey: randomBytes(32),
        allowInsecureIssuer: true,
      }),
    );
    await addPlatform('gd');
    await addPlatform('gd-idtoken', { claimsIn: 'idToken', clientAuthMethod: 'client_secret_post' });
  });

  afterAll(async () => {
    await Promise.all([...providers.map((provider) => provider.close()), ...closers.map((close) => close())]);
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('sends the browser to the platform with PKCE, state and nonce, kept in an HttpOnly, SameSite=Lax cookie for 10 minutes', async () => {
    const response = await fetch(startUrl('gd'), { redirect: 'manual' });
    expect(response.status).toBe(302);
    const authorization = new URL(response.headers.get('location')!);
    expect(authorization.origin).toBe(new URL(settings.get('gd')!.issuer).origin);
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${publicUrl}/api/auth/sso/callback`);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    for (const name of ['code_challenge', 'state', 'nonce']) expect(authorization.searchParams.get(name)).toMatch(/^[\w-]{22,}$/);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^tt_sso_state=[\w-]+(\.[\w-]*){4};/);
    expect(cookie).toContain('Max-Age=600');
    expect(cookie).toContain('Path=/api/auth/sso');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('signs the mapped teacher in with exactly the school and role the bureau maps, and returns her to where she started', async () => {
    const before = signedIn.length;
    const result = await loginThroughProvider(startUrl('gd', '/lesson/demo/teacher?tab=plan'), 'p-1001');
    expect(result.status).toBe(302);
    expect(result.location).toBe('/lesson/demo/teacher?tab=plan');
    expect(signedIn.slice(before)).toEqual([teacherLi]);
    expect(result.cookies.tt_session).toBe('session-of-p-1001');
    expect(result.cookies.tt_sso_state).toBeUndefined();
  });

  it('takes the claims from the ID token when the platform puts them there, and the secret in the body when it wants that', async () => {
    const before = signedIn.length;
    const result = await loginThroughProvider(startUrl('gd-idtoken'), 'p-1001');
    expect(result.location).toBe('/');
    expect(signedIn.slice(before)).toEqual([{ ...teacherLi, bureauId: 'gd-idtoken' }]);
  });

  it('never redirects to another site after signing in', async () => {
    for (const next of ['//evil.example/x', '/..//evil.example/x', '/\\evil.example', 'https://evil.example/']) {
      expect((await loginThroughProvider(startUrl('gd', next), 'p-1001')).location).toBe('/');
    }
  });

  it('refuses a user of a school the bureau has not mapped: no account, back to the login page', async () => {
    const before = signedIn.length;
    const result = await loginThroughProvider(startUrl('gd'), 'p-1002');
    expect(result).toMatchObject({ status: 302, location: '/login?error=sso' });
    expect(result.cookies.tt_session).toBeUndefined();
    expect(signedIn.length).toBe(before);
    expect(lastRefusal()).toEqual({ reason: 'no mapping for school GD-0999', bureauId: 'gd' });
  });

  it('refuses a platform role the bureau has not mapped rather than giving a default one', async () => {
    const before = signedIn.length;
    expect((await loginThroughProvider(startUrl('gd'), 'p-1003')).location).toBe('/login?error=sso');
    expect(signedIn.length).toBe(before);
    expect(lastRefusal()).toEqual({ reason: 'no mapping for role PRINCIPAL', bureauId: 'gd' });
  });

  describe('the state cookie', () => {
    const callback = async (url: string, cookie: string | null): Promise<string | null> => {
      const response = await fetch(url, { redirect: 'manual', headers: cookie === null ? {} : { cookie: `tt_sso_state=${cookie}` } });
      expect(response.status).toBe(302);
      return response.headers.get('location');
    };

    it('is refused when altered, and the sign-in it would have completed does not happen', async () => {
      const before = signedIn.length;
      const { callbackUrl, cookies } = await loginThroughProvider(startUrl('gd'), 'p-1001', { until: 'callback' });
      const parts = cookies.tt_sso_state!.split('.');
      parts[3] = (parts[3]!.startsWith('A') ? 'B' : 'A') + parts[3]!.slice(1);
      expect(await callback(callbackUrl!, parts.join('.'))).toBe('/login?error=sso');
      expect(lastRefusal()).toEqual({ reason: 'invalid state cookie', bureauId: null });
      expect(await callback(callbackUrl!, null)).toBe('/login?error=sso');
      expect(lastRefusal()).toEqual({ reason: 'no state cookie', bureauId: null });
      expect(signedIn.length).toBe(before);
    });

    it('opens only once: a replayed callback with its cookie is refused', async () => {
      const before = signedIn.length;
      const { callbackUrl, cookies } = await loginThroughProvider(startUrl('gd'), 'p-1001', { until: 'callback' });
      expect(await callback(callbackUrl!, cookies.tt_sso_state!)).toBe('/');
      expect(await callback(callbackUrl!, cookies.tt_sso_state!)).toBe('/login?error=sso');
      expect(lastRefusal()).toEqual({ reason: 'state already used', bureauId: 'gd' });
      expect(signedIn.length).toBe(before + 1);
    });

    it("of one sign-in does not complete another's callback", async () => {
      const before = signedIn.length;
      const victim = await loginThroughProvider(startUrl('gd'), 'p-1001', { until: 'callback' });
      const attacker = await loginThroughProvider(startUrl('gd'), 'p-1003', { until: 'callback' });
      expect(await callback(attacker.callbackUrl!, victim.cookies.tt_sso_state!)).toBe('/login?error=sso');
      expect(lastRefusal()).toEqual({ reason: 'state mismatch', bureauId: 'gd' });
      expect(signedIn.length).toBe(before);
    });
  });

  describe('a platform that cannot be reached', () => {
    const timedStart = async (bureauId: string): Promise<{ location: string | null; ms: number }> => {
      const started = Date.now();
      const response = await fetch(startUrl(bureauId), { redirect: 'manual' });
      return { location: response.headers.get('location'), ms: Date.now() - started };
    };

    it('is refused at once when nothing listens', async () => {
      const closed = createServer();
      await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
      const { port } = closed.address() as { port: number };
      await new Promise<void>((done) => closed.close(() => done()));
      settings.set('down', { ...settings.get('gd')!, issuer: `http://127.0.0.1:${port}` });
      const { location, ms } = await timedStart('down');
      expect(location).toBe('/login?error=sso');
      expect(ms).toBeLessThan(2000);
      expect(lastRefusal()).toEqual({ reason: 'provider unreachable', bureauId: 'down' });
    });

    it('is refused within a few seconds when it accepts the connection and never answers', async () => {
      const silent = await startUnresponsiveServer();
      closers.push(() => silent.close());
      settings.set('hung', { ...settings.get('gd')!, issuer: silent.url });
      const { location, ms } = await timedStart('hung');
      expect(location).toBe('/login?error=sso');
      expect(ms).toBeLessThan(8000);
      expect(lastRefusal()).toEqual({ reason: 'provider unreachable', bureauId: 'hung' });
    });

    it('is refused when it goes away between the redirect to it and the callback', async () => {
      const before = signedIn.length;
      const provider = await addPlatform('gone');
      const { callbackUrl, cookies } = await loginThroughProvider(startUrl('gone'), 'p-1001', { until: 'callback' });
      await provider.close();
      const response = await fetch(callbackUrl!, { redirect: 'manual', headers: { cookie: `tt_sso_state=${cookies.tt_sso_state}` } });
      expect(response.headers.get('location')).toBe('/login?error=sso');
      expect(lastRefusal()).toEqual({ reason: 'provider unreachable', bureauId: 'gone' });
      expect(signedIn.length).toBe(before);
    });
  });
});
