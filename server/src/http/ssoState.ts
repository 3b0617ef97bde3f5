import { randomUUID } from 'node:crypto';
import { EncryptJWT, errors, jwtDecrypt } from 'jose';
import { z } from 'zod';
import { idSchema } from '@shared';

/*
 * What single sign-on carries from `start` to `callback` (state, nonce, the
 * PKCE verifier, where to go afterwards): sealed into one cookie in the
 * browser, so the server keeps nothing per sign-in but the ids of states
 * already used. Encrypted (A256GCM), not just signed: the PKCE verifier must
 * stay secret from whatever reads the browser's traffic to the provider.
 */

/** The cookie's name; its path is the SSO routes only. */
export const STATE_COOKIE = 'tt_sso_state';
/** A sign-in that takes longer than this at the platform starts again. */
export const STATE_TTL_S = 600;
/** Marks the token as this and nothing else, should the key ever serve another purpose too. */
const PURPOSE = 'tongtang:sso-state';

const sealedStateSchema = z.object({
  bureauId: idSchema,
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  codeVerifier: z.string().min(43).max(128),
  next: z.string().startsWith('/').max(2000),
});

/** One sign-in in progress, as `start` left it. */
export type SsoState = z.infer<typeof sealedStateSchema>;

/** An opened state cookie: its content, its id and when it expires (ms). */
export interface OpenedState extends SsoState {
  id: string;
  expiresAt: number;
}

/** Why a state cookie was not accepted; `reason` goes to the audit. */
export class StateRefusedError extends Error {
  constructor(readonly reason: 'no state cookie' | 'state expired' | 'invalid state cookie' | 'state already used') {
    super(reason);
    this.name = 'StateRefusedError';
  }
}

/** Seals a sign-in in progress into the cookie's value (a compact JWE, valid `STATE_TTL_S`). */
export async function sealState(state: SsoState, key: Uint8Array): Promise<string> {
  return new EncryptJWT({ ...state })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuer(PURPOSE)
    .setAudience(PURPOSE)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${STATE_TTL_S}s`)
    .encrypt(key);
}

/** Opens a cookie's value; throws `StateRefusedError` if it is absent, forged, altered or expired. */
export async function openState(token: string | null, key: Uint8Array): Promise<OpenedState> {
  if (!token) throw new StateRefusedError('no state cookie');
  try {
    const { payload } = await jwtDecrypt(token, key, {
      issuer: PURPOSE,
      audience: PURPOSE,
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      requiredClaims: ['jti', 'exp'],
    });
    const state = sealedStateSchema.parse(payload);
    return { ...state, id: payload.jti!, expiresAt: payload.exp! * 1000 };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new StateRefusedError('state expired');
    throw new StateRefusedError('invalid state cookie');
  }
}

/**
 * The ids of states already presented, kept until they would have expired
 * anyway: a state cookie opens once, even if someone copied it before the
 * callback cleared it. In memory: the server is one process, and a restart
 * loses at most states whose codes the platform will not take twice either.
 */
export class UsedStates {
  private readonly seen = new Map<string, number>();

  /** Marks the state used; throws `StateRefusedError` if it already was. */
  consume(state: OpenedState, now = Date.now()): void {
    for (const [id, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(id);
    if (this.seen.has(state.id)) throw new StateRefusedError('state already used');
    this.seen.set(state.id, state.expiresAt);
  }
}

/** One cookie's value from a `Cookie` header (no cookie parser is mounted). */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
