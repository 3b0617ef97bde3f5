import express, { type CookieOptions, type Request, type Response, type Router } from 'express';
import * as oidc from 'openid-client';
import { idSchema, type OidcSettings } from '@shared';
import { STATE_COOKIE, STATE_TTL_S, StateRefusedError, UsedStates, openState, readCookie, sealState } from './ssoState.js';

/*
 * Single sign-on with a bureau's regional platform (OpenID Connect,
 * authorization code flow with PKCE, state and nonce, via openid-client).
 * `start` sends the browser to the platform with the sign-in sealed in a
 * cookie; `callback` opens it once, exchanges the code, maps the platform's
 * school and role through the bureau's settings and hands the identity to
 * `signIn`. Anything unmapped is refused, never defaulted.
 */

/** A Tongtang role that single sign-on may give (bureau admins stay a local decision). */
export type SsoRole = 'schoolAdmin' | 'teacher' | 'assistant' | 'observer';

/** Who the platform says logged in, mapped to Tongtang. */
export interface SsoIdentity { bureauId: string; subject: string; name: string; schoolId: string; role: SsoRole; staffNumber: string | null; phone: string | null }

/** A bureau's platform settings with the client secret. */
export type BureauOidcSettings = OidcSettings & { clientSecret: string };

export interface SsoDeps {
  /** The server's public base address, e.g. http://127.0.0.1:3000 (redirect_uri = `${publicUrl}/api/auth/sso/callback`). */
  publicUrl: string;
  /** A bureau's settings with its client secret, or null when it has none. */
  settingsOf(bureauId: string): Promise<BureauOidcSettings | null>;
  /** Creates or updates the account and signs the browser in (sets the session cookie on `res`). */
  signIn(identity: SsoIdentity, req: Request, res: Response): Promise<void>;
  /** Records a refused or failed sign-in (audit): what and why. */
  refused(reason: string, req: Request, bureauId: string | null): void;
  /** 32 random bytes (A256GCM) sealing the state cookie; keep it across restarts so sign-ins in progress survive one. */
  stateKey: Uint8Array;
  /** Allow plain-http issuers (loopback tests, a LAN platform without TLS); default false. */
  allowInsecureIssuer?: boolean;
}

/** A platform's metadata is fetched again after this, so a changed key set or endpoint is picked up. */
const DISCOVERY_TTL_MS = 5 * 60_000;
/** Every request to a platform (discovery, token, userinfo) gives up after this: a dead platform must not hang the browser. */
const REQUEST_TIMEOUT_S = 5;
/** Standard scopes only: a platform answers an unknown one with invalid_scope. School and role must come with these. */
const SCOPE = 'openid profile phone';
const FAILED = '/login?error=sso';

/** A sign-in refused for a reason the audit records as it is. */
class SsoRefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SsoRefusedError';
  }
}

/** Routes mounted at /api/auth/sso: GET /:bureauId/start → 302 to the provider; GET /callback → signIn, then 302 to `/` (or the `next` path given to start, if same-origin), or 302 `/login?error=sso` when anything fails. */
export function ssoRoutes(deps: SsoDeps): Router {
  if (!(deps.stateKey instanceof Uint8Array) || deps.stateKey.length !== 32) throw new TypeError('stateKey must be 32 bytes');
  const base = new URL(deps.publicUrl);
  const redirectUri = `${deps.publicUrl.replace(/\/+$/, '')}/api/auth/sso/callback`;
  const platforms = new Platforms(deps.allowInsecureIssuer ?? false);
  const usedStates = new UsedStates();
  // Lax, not Strict: the platform's redirect to the callback is a top-level cross-site navigation.
  const cookie = (req: Request): CookieOptions => ({ httpOnly: true, sameSite: 'lax', secure: base.protocol === 'https:', path: req.baseUrl || '/' });

  const fail = (error: unknown, req: Request, res: Response, bureauId: string | null): void => {
    try {
      deps.refused(reasonOf(error), req, bureauId);
    } catch {
      // The audit failing must not turn a refusal into an unanswered request.
    }
    if (!res.headersSent) res.redirect(302, FAILED);
  };

  const router = express.Router();

  router.get('/:bureauId/start', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    let bureauId: string | null = null;
    try {
      const id = idSchema.safeParse(req.params.bureauId);
      if (!id.success) throw new SsoRefusedError('bad bureau id');
      bureauId = id.data;
      const settings = await deps.settingsOf(bureauId);
      if (!settings) throw new SsoRefusedError('no sso settings');
      const config = await platforms.configurationOf(bureauId, settings);
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const sealed = await sealState({ bureauId, state, nonce, codeVerifier, next: sameOriginPath(req.query.next, base) }, deps.stateKey);
      const authorizationUrl = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: SCOPE,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      res.cookie(STATE_COOKIE, sealed, { ...cookie(req), maxAge: STATE_TTL_S * 1000 });
      res.redirect(302, authorizationUrl.href);
    } catch (error) {
      fail(error, req, res, bureauId);
    }
  });

  router.get('/callback', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    // Whatever happens next, the cookie has had its one use.
    res.clearCookie(STATE_COOKIE, cookie(req));
    let bureauId: string | null = null;
    try {
      const sealed = await openState(readCookie(req.headers.cookie, STATE_COOKIE), deps.stateKey);
      bureauId = sealed.bureauId;
      usedStates.consume(sealed);
      const settings = await deps.settingsOf(bureauId);
      if (!settings) throw new SsoRefusedError('no sso settings');
      const config = await platforms.configurationOf(bureauId, settings);
      const responseUrl = callbackUrl(req, redirectUri);
      // openid-client checks it too; checked here first so the audit can say what an attempt to plant a sign-in looks like.
      if (responseUrl.searchParams.get('state') !== sealed.state) throw new SsoRefusedError('state mismatch');
      const tokens = await oidc.authorizationCodeGrant(config, responseUrl, {
        pkceCodeVerifier: sealed.codeVerifier,
        expectedState: sealed.state,
        expectedNonce: sealed.nonce,
        idTokenExpected: true,
      });
      const identity = mapIdentity(bureauId, await claimsOf(config, tokens), settings);
      await deps.signIn(identity, req, res);
      res.redirect(302, sealed.next);
    } catch (error) {
      fail(error, req, res, bureauId);
    }
  });

  return router;
}

/** Each bureau's platform, discovered once per `DISCOVERY_TTL_MS`; concurrent sign-ins share one discovery, a failed one is not kept. */
class Platforms {
  private readonly cache = new Map<string, { fingerprint: string; at: number; config: Promise<oidc.Configuration> }>();

  constructor(private readonly allowInsecure: boolean) {}

  configurationOf(bureauId: string, settings: BureauOidcSettings): Promise<oidc.Configuration> {
    // Changed settings (another issuer, a new secret) take effect at the next sign-in.
    const fingerprint = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
    const cached = this.cache.get(bureauId);
    if (cached && cached.fingerprint === fingerprint && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
    const config = this.discover(settings);
    this.cache.set(bureauId, { fingerprint, at: Date.now(), config });
    config.catch(() => {
      if (this.cache.get(bureauId)?.config === config) this.cache.delete(bureauId);
    });
    return config;
  }

  private async discover(settings: BureauOidcSettings): Promise<oidc.Configuration> {
    const issuer = new URL(settings.issuer);
    if (issuer.protocol !== 'https:' && !this.allowInsecure) throw new SsoRefusedError('issuer is not https');
    const execute = this.allowInsecure ? [oidc.allowInsecureRequests] : [];
    const found = await oidc.discovery(issuer, settings.clientId, undefined, undefined, { timeout: REQUEST_TIMEOUT_S, execute });
    const metadata = found.serverMetadata();
    // Rebuilt with the client authentication the platform accepts, which only its metadata tells.
    const config = new oidc.Configuration(metadata, settings.clientId, undefined, clientAuthFor(metadata, settings.clientSecret));
    config.timeout = REQUEST_TIMEOUT_S;
    for (const extension of execute) extension(config);
    return config;
  }
}

/** client_secret_basic unless the platform takes the secret only in the body (OIDC Discovery: an absent list means basic). */
function clientAuthFor(metadata: oidc.ServerMetadata, secret: string): oidc.ClientAuth {
  const methods = metadata.token_endpoint_auth_methods_supported;
  if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) return oidc.ClientSecretPost(secret);
  return oidc.ClientSecretBasic(secret);
}

/** The callback as the platform addressed it: the public redirect_uri (not the Host we were reached by, behind a proxy) with its parameters. */
function callbackUrl(req: Request, redirectUri: string): URL {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(req.query)) {
    // A repeated parameter is a malformed authorization response (RFC 6749 §3.1).
    if (typeof value !== 'string') throw new SsoRefusedError(`repeated callback parameter ${name.slice(0, 32)}`);
    url.searchParams.set(name, value);
  }
  return url;
}

/** The ID token's claims, completed from the userinfo endpoint (many platforms release school and role only there). */
async function claimsOf(config: oidc.Configuration, tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>): Promise<Record<string, unknown>> {
  const idClaims = tokens.claims();
  if (!idClaims) throw new SsoRefusedError('no id token');
  if (!config.serverMetadata().userinfo_endpoint) return idClaims;
  // Checks that userinfo speaks of the same subject; the signed ID token wins where both say something.
  const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  return { ...userinfo, ...idClaims };
}

/** The platform's claims in Tongtang's terms, through the bureau's tables; refuses what the tables do not map. */
function mapIdentity(bureauId: string, claims: Record<string, unknown>, settings: BureauOidcSettings): SsoIdentity {
  const subject = single(claims.sub);
  if (!subject) throw new SsoRefusedError('no subject');
  const school = single(claims[settings.schoolClaim]);
  // hasOwn: a claim of "constructor" or "__proto__" must not find something on Object.prototype.
  const schoolId = school !== null && Object.hasOwn(settings.schools, school) ? settings.schools[school] : undefined;
  if (!schoolId) throw new SsoRefusedError(`no mapping for school ${shown(school)}`);
  const platformRole = single(claims[settings.roleClaim]);
  const role = platformRole !== null && Object.hasOwn(settings.roles, platformRole) ? settings.roles[platformRole] : undefined;
  if (!role) throw new SsoRefusedError(`no mapping for role ${shown(platformRole)}`);
  const name = single(claims.name)?.trim();
  if (!name) throw new SsoRefusedError('no name claim');
  return { bureauId, subject, name: name.slice(0, 100), schoolId, role, staffNumber: single(claims.staff_number), phone: single(claims.phone_number) };
}

/** A claim holding one value (a string, or a number as platforms sometimes send codes), else null. */
function single(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A platform's value as the audit shows it: bounded, since it comes from outside. */
function shown(value: string | null): string {
  return value === null ? '(none)' : value.slice(0, 64);
}

/** `next` if it is a path on this server, else `/`: never an open redirect to another site. */
function sameOriginPath(next: unknown, base: URL): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 1000) return '/';
  const url = new URL(next, base);
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "//evil", "/\evil" change the origin; "/..//evil" keeps it but normalises to a protocol-relative "//evil".
  return url.origin === base.origin && !path.startsWith('//') ? path : '/';
}

/** What the audit says about a failure: a refusal's own reason, or what went wrong with the platform. */
function reasonOf(error: unknown): string {
  if (error instanceof SsoRefusedError || error instanceof StateRefusedError) return error.reason;
  if (unreachable(error)) return 'provider unreachable';
  if (error instanceof oidc.AuthorizationResponseError) return `provider refused: ${error.error}`;
  if (error instanceof oidc.ResponseBodyError) return `provider error: ${error.error}`;
  if (error instanceof oidc.ClientError) return `provider response rejected (${error.code ?? 'no code'}): ${error.message}`;
  return `sso failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** fetch() rejects with a TypeError carrying the socket's error (refused, reset, DNS); openid-client reports its time-out as OAUTH_TIMEOUT. */
function unreachable(error: unknown): boolean {
  if (error instanceof oidc.ClientError) return error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT';
  return error instanceof TypeError && error.cause !== undefined;
}
