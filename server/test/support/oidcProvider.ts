import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
// @ts-ignore -- oidc-provider ships no types (@types/oidc-provider is not installed); `ProviderClass` below types what we use.
import Provider from 'oidc-provider';

/*
 * A real OpenID Connect provider (oidc-provider) on loopback, standing in
 * for a bureau's regional platform, and a driver that signs a user in
 * through it the way a browser would: redirects followed by hand, cookies
 * kept per origin, the platform's login form posted with fetch.
 */

/** A user at the platform; `sub` is also what is typed into its login form. Other fields are claims (school, role, staff_number, phone_number…). */
export interface PlatformAccount {
  sub: string;
  name: string;
  [claim: string]: unknown;
}

export interface OidcProviderOptions {
  /** The one registered client (Tongtang). */
  client: { clientId: string; clientSecret: string; redirectUri: string };
  accounts: PlatformAccount[];
  /** Where the claims are released: the userinfo endpoint only (oidc-provider's default, as many platforms do) or the ID token only. */
  claimsIn?: 'userinfo' | 'idToken';
  /** How the client must authenticate at the token endpoint; the provider advertises only this one. Default client_secret_basic. */
  clientAuthMethod?: 'client_secret_basic' | 'client_secret_post';
}

export interface OidcProviderHandle {
  /** The issuer, e.g. http://127.0.0.1:40123 (plain http: the client needs allowInsecureIssuer). */
  issuer: string;
  close(): Promise<void>;
}

/** The part of oidc-provider 9's API used here. */
interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<{ uid: string; prompt: { name: string } }>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: object, options: { mergeWithLastSubmission: boolean }): Promise<void>;
  on(event: 'server_error', listener: (ctx: unknown, error: Error) => void): void;
}
type ProviderClass = new (issuer: string, configuration: object) => ProviderInstance;

/** Claims of the loadExistingGrant context that we read. */
interface GrantContext {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    account: { accountId: string };
    provider: { Grant: { new (init: { clientId: string; accountId: string }): Grant; find(id: string): Promise<Grant | undefined> } };
  };
}
interface Grant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

/** Starts a provider on a free 127.0.0.1 port. */
export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProviderHandle> {
  const server = createServer();
  await listen(server);
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const issuer = `http://127.0.0.1:${address.port}`;
  const accounts = new Map(options.accounts.map((account) => [account.sub, account]));
  const claimNames = [...new Set(options.accounts.flatMap((account) => Object.keys(account)))].filter((name) => name !== 'sub' && name !== 'phone_number');
  const signingKey = await generateKeyPair('RS256', { extractable: true });

  const provider = new (Provider as ProviderClass)(issuer, {
    clients: [
      {
        client_id: options.client.clientId,
        client_secret: options.client.clientSecret,
        redirect_uris: [options.client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: options.clientAuthMethod ?? 'client_secret_basic',
      },
    ],
    clientAuthMethods: [options.clientAuthMethod ?? 'client_secret_basic'],
    jwks: { keys: [{ ...(await exportJWK(signingKey.privateKey)), kid: 'platform', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Non-standard claims are released only when listed under a scope.
    claims: { openid: ['sub'], profile: claimNames, phone: ['phone_number'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    conformIdTokenClaims: options.claimsIn !== 'idToken',
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims(use: 'id_token' | 'userinfo') {
          return options.claimsIn === 'idToken' && use === 'userinfo' ? { sub } : { ...account };
        },
      };
    },
    // A platform's own client is trusted: no consent page, every scope asked for is granted.
    async loadExistingGrant(ctx: GrantContext) {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.account.accountId });
      grant.addOIDCScope('openid profile phone');
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error));

  const providerCallback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!match) return providerCallback(req, res);
    interact(provider, accounts, req, res, match[2] !== undefined).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  return { issuer, close: () => closeServer(server) };
}

/** The platform's login page (GET) and its form's submission (POST …/login, `login=<sub>`). */
async function interact(provider: ProviderInstance, accounts: Map<string, PlatformAccount>, req: IncomingMessage, res: ServerResponse, submitted: boolean): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name !== 'login') throw new Error(`unexpected prompt ${details.prompt.name}`);
  const login = submitted ? new URLSearchParams(await readBody(req)).get('login') : null;
  if (login !== null && accounts.has(login)) {
    await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    return;
  }
  res.statusCode = submitted ? 401 : 200;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<form method="post" action="/interaction/${details.uid}/login"><input name="login"><button>登录</button></form>`);
}

/** Where a sign-in through the provider ended. */
export interface LoginResult {
  /** Status and `Location` of the app's last answer (its callback's redirect, unless `until: 'callback'`). */
  status: number;
  location: string | null;
  /** The app origin's cookies at that point (name → value). */
  cookies: Record<string, string>;
  /** The callback address the provider redirected to (with code, state, iss). */
  callbackUrl: string | null;
}

/**
 * Signs `login` (an account's `sub`) in from `startUrl` (the app's
 * `/api/auth/sso/:bureauId/start`), like a browser: follows redirects between
 * the app and the provider, posts the provider's login form, and stops at
 * the app's first redirect that leaves `/api/auth/sso/` — or, with
 * `until: 'callback'`, just before the callback is requested (to replay or
 * tamper with it). Cookies are kept per origin, which is stricter than a
 * browser (it shares them across ports of one host) and so hides nothing.
 */
export async function loginThroughProvider(startUrl: string, login: string, options: { until?: 'end' | 'callback'; cookies?: Record<string, string> } = {}): Promise<LoginResult> {
  const app = new URL(startUrl).origin;
  const jars = new Map<string, Map<string, string>>([[app, new Map(Object.entries(options.cookies ?? {}))]]);
  const appCookies = (): Record<string, string> => Object.fromEntries(jars.get(app)!);
  let url = new URL(startUrl);
  let init: { method?: string; body?: string; headers?: Record<string, string> } = {};
  let callbackUrl: string | null = null;
  for (let hop = 0; hop < 20; hop++) {
    const atCallback = url.origin === app && url.pathname.endsWith('/api/auth/sso/callback');
    if (atCallback) callbackUrl = url.href;
    if (atCallback && options.until === 'callback') return { status: 0, location: null, cookies: appCookies(), callbackUrl };
    const jar = jars.get(url.origin) ?? new Map<string, string>();
    jars.set(url.origin, jar);
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie: cookieHeader(jar) } });
    keepCookies(jar, response);
    const location = response.headers.get('location');
    if (location !== null && response.status >= 300 && response.status < 400) {
      const next = new URL(location, url);
      // The app's last word: whatever its callback answers, or a redirect of its own out of the sign-in.
      const done = url.origin === app && (atCallback || (next.origin === app && !next.pathname.includes('/api/auth/sso/')));
      if (done) return { status: response.status, location, cookies: appCookies(), callbackUrl };
      [url, init] = [next, {}];
    } else if (response.status === 200 && url.origin !== app && url.pathname.startsWith('/interaction/')) {
      // The provider's login page: post its form as a user would.
      const action = /action="([^"]+)"/.exec(await response.text())?.[1];
      if (!action) throw new Error('no login form');
      url = new URL(action, url);
      init = { method: 'POST', body: new URLSearchParams({ login }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    } else if (url.origin === app) {
      return { status: response.status, location, cookies: appCookies(), callbackUrl };
    } else {
      throw new Error(`provider answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 300)}`);
    }
  }
  throw new Error('too many redirects');
}

/** A TCP server that accepts connections and never answers: a platform that hangs rather than refuses. */
export async function startUnresponsiveServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await listen(server);
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return closeServer(server);
    },
  };
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Applies a response's Set-Cookie headers to a jar: a past expiry or Max-Age=0 removes the cookie. */
function keepCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const removed = attributes.some((attribute) => {
      const [key = '', value = ''] = attribute.trim().split('=');
      return (key.toLowerCase() === 'max-age' && Number(value) <= 0) || (key.toLowerCase() === 'expires' && Date.parse(value) <= Date.now());
    });
    if (removed) jar.delete(name);
    else jar.set(name, pair.slice(eq + 1).trim());
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => done(Buffer.concat(chunks).toString()));
    req.on('error', fail);
  });
}

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
}

function closeServer(server: Server | ReturnType<typeof createTcpServer>): Promise<void> {
  if ('closeAllConnections' in server) server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}
