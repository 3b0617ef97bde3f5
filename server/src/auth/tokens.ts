import { errors, jwtVerify, SignJWT } from 'jose';
import type { PrincipalRole } from '@shared';

/*
 * Signed tokens (HS256, jose). Two kinds:
 * - access tokens: what a page sends with every API call and at the
 *   signalling handshake; short-lived, and checked against their session row
 *   at every use, so a revoked session stops at once, not at expiry;
 * - link credentials: a terminal's enrolment link and a guest link, each
 *   also stored hashed with its own row, so it can be revoked and replaced.
 * - media tokens: a <video> element's address for one recording's or clip's
 *   file (it cannot send an Authorization header), short-lived, naming its
 *   session, which is checked at every request as for an access token.
 * The audience keeps one kind from being used as another.
 */

const ISSUER = 'tongtang';
export type TokenKind = 'account' | 'terminal' | 'guest';

export interface AccessClaims {
  sid: string;
  sub: string;
  kind: TokenKind;
  role: PrincipalRole;
}

export class TokenSigner {
  constructor(
    private readonly key: Uint8Array,
    readonly accessSeconds: number,
  ) {}

  async access(claims: AccessClaims): Promise<{ token: string; expiresAt: number }> {
    const expiresAt = Date.now() + this.accessSeconds * 1000;
    const token = await new SignJWT({ sid: claims.sid, kind: claims.kind, role: claims.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience('access')
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The claims of a valid access token, or null for a forged, expired or malformed one. */
  async verifyAccess(token: string): Promise<AccessClaims | null> {
    const payload = await this.verify(token, 'access');
    if (!payload || typeof payload['sid'] !== 'string' || typeof payload.sub !== 'string') return null;
    return { sid: payload['sid'], sub: payload.sub, kind: payload['kind'] as TokenKind, role: payload['role'] as PrincipalRole };
  }

  /** A link's credential: names its row (`sub`), carries a nonce so each issued link is new, expires on its own. */
  async link(kind: 'terminal' | 'guest', rowId: string, expiresAt: number, nonce: string): Promise<string> {
    return new SignJWT({ n: nonce })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(`link:${kind}`)
      .setSubject(rowId)
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.key);
  }

  /** The row a valid link credential names, or null. */
  async verifyLink(kind: 'terminal' | 'guest', credential: string): Promise<string | null> {
    const payload = await this.verify(credential, `link:${kind}`);
    return typeof payload?.sub === 'string' ? payload.sub : null;
  }

  /** A media token: lets its session's principal fetch one file (`media`, e.g. `recording:<id>`) until `expiresAt`. */
  async mediaToken(claims: { sid: string; sub: string; media: string }, expiresAt: number): Promise<string> {
    return new SignJWT({ sid: claims.sid, m: claims.media })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience('media')
      .setSubject(claims.sub)
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.key);
  }

  /** The claims of a valid media token, or null. */
  async verifyMedia(token: string): Promise<{ sid: string; sub: string; media: string } | null> {
    const payload = await this.verify(token, 'media');
    if (!payload || typeof payload['sid'] !== 'string' || typeof payload.sub !== 'string' || typeof payload['m'] !== 'string') return null;
    return { sid: payload['sid'], sub: payload.sub, media: payload['m'] };
  }

  private async verify(token: string, audience: string) {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience, algorithms: ['HS256'] });
      return payload;
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }
}
