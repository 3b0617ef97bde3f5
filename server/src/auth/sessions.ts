import { EventEmitter } from 'node:events';
import type { Db } from '../db/database.js';
import { loadPrincipal, type Principal, type SessionKind } from './principal.js';
import { newId } from '../db/ids.js';
import { hashSecret, matchesHash, newSecret } from './secrets.js';
import type { TokenSigner } from './tokens.js';

/** How long sessions last, in ms. */
export interface SessionLifetimes {
  /** A person: one school day, then sign in again. */
  account: number;
  /** A classroom terminal: long, and extended each time it is used, so it never needs a hand. */
  terminal: number;
}

export type RevokeReason = 'revoked' | 'disabled' | 'passwordChanged' | 'signedOut';

/**
 * Signed-in sessions. The browser holds `<id>.<secret>` in an HttpOnly
 * cookie; the server keeps the secret's hash. Access tokens name their
 * session and are checked against it at every use, so revoking a session
 * (logout, a password change, a revoked terminal, a withdrawn guest link)
 * stops it at once. Revocations are announced (`revoked`) so the signalling
 * layer closes the connections they opened.
 */
export class SessionStore extends EventEmitter<{ revoked: [sessionIds: string[], reason: RevokeReason] }> {
  constructor(
    private readonly db: Db,
    readonly signer: TokenSigner,
    private readonly lifetimes: SessionLifetimes,
  ) {
    super();
  }

  /**
   * Opens a session: its cookie, when it ends, and the principal it signs in
   * (null when that may no longer act). A terminal enrolling counts as seen.
   */
  async create(kind: SessionKind, principalId: string, address: string | null, expiresAt?: number): Promise<{ cookie: string; expiresAt: number; principal: Principal | null }> {
    const now = Date.now();
    const id = newId('s');
    const secret = newSecret();
    const until = expiresAt ?? now + (kind === 'terminal' ? this.lifetimes.terminal : this.lifetimes.account);
    await this.db
      .insertInto('auth_session')
      .values({ id, kind, principal_id: principalId, secret_hash: hashSecret(secret), created_at: now, expires_at: until, revoked_at: null, revoke_reason: null, last_seen_at: now, address })
      .execute();
    if (kind === 'terminal') await this.terminalSeen(principalId, now);
    return { cookie: `${id}.${secret}`, expiresAt: until, principal: await loadPrincipal(this.db, kind, principalId, id) };
  }

  /** The principal of a refresh cookie, or null. A terminal's session is extended each time (sliding). */
  async fromCookie(cookie: string): Promise<Principal | null> {
    const [id, secret] = cookie.split('.');
    if (!id || !secret || id.length > 64 || secret.length > 64) return null;
    const row = await this.live(id);
    if (!row || !matchesHash(secret, row.secret_hash)) return null;
    const now = Date.now();
    const extended = row.kind === 'terminal' ? Math.max(row.expires_at, now + this.lifetimes.terminal) : row.expires_at;
    await this.db.updateTable('auth_session').set({ last_seen_at: now, expires_at: extended }).where('id', '=', id).execute();
    if (row.kind === 'terminal') await this.terminalSeen(row.principal_id, now);
    return loadPrincipal(this.db, row.kind, row.principal_id, row.id);
  }

  /** The principal of an access token: valid signature, not expired, and its session still live. */
  async authenticate(token: string): Promise<Principal | null> {
    const claims = await this.signer.verifyAccess(token);
    if (!claims) return null;
    const row = await this.live(claims.sid);
    if (!row || row.principal_id !== claims.sub) return null;
    return loadPrincipal(this.db, row.kind, row.principal_id, row.id);
  }

  /** The principal of a valid media token whose session still lives, and the one file it names; null otherwise. */
  async authenticateMedia(token: string): Promise<{ principal: Principal; media: string } | null> {
    const claims = await this.signer.verifyMedia(token);
    if (!claims) return null;
    const row = await this.live(claims.sid);
    if (!row || row.principal_id !== claims.sub) return null;
    const principal = await loadPrincipal(this.db, row.kind, row.principal_id, row.id);
    return principal ? { principal, media: claims.media } : null;
  }

  /** A fresh access token for a principal's session. */
  access(principal: Principal): Promise<{ token: string; expiresAt: number }> {
    if (principal.kind === 'apiKey') throw new TypeError('an API key has no session to give access tokens for');
    return this.signer.access({ sid: principal.sessionId, sub: principal.id, kind: principal.kind, role: principal.role });
  }

  async revoke(sessionId: string, reason: RevokeReason): Promise<void> {
    await this.db.updateTable('auth_session').set({ revoked_at: Date.now(), revoke_reason: reason }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
    this.emit('revoked', [sessionId], reason);
  }

  /** Revokes every session of a principal (but `except`); returns how many. */
  async revokeAllOf(principalId: string, reason: RevokeReason, except?: string): Promise<number> {
    let query = this.db.selectFrom('auth_session').select('id').where('principal_id', '=', principalId).where('revoked_at', 'is', null);
    if (except) query = query.where('id', '!=', except);
    const ids = (await query.execute()).map((row) => row.id);
    if (ids.length === 0) return 0;
    await this.db.updateTable('auth_session').set({ revoked_at: Date.now(), revoke_reason: reason }).where('id', 'in', ids).execute();
    this.emit('revoked', ids, reason);
    return ids.length;
  }

  /** What an admin's list of terminals shows as last seen. */
  private async terminalSeen(terminalId: string, now: number): Promise<void> {
    await this.db.updateTable('terminal').set({ last_seen_at: now }).where('id', '=', terminalId).execute();
  }

  private live(id: string) {
    return this.db
      .selectFrom('auth_session')
      .selectAll()
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', Date.now())
      .executeTakeFirst();
  }
}
