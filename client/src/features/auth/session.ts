import type { z } from 'zod';
import { apiReplySchema, ErrorCode, LessonError, signedInSchema, type SignedIn } from '@shared';

/*
 * The page's session. The server keeps it in an HttpOnly cookie the page
 * cannot read; from it the page gets short-lived access tokens (for the API
 * and the signalling connection), fetched again a minute before they expire.
 * A terminal's or guest's link carries its credential in the address's
 * fragment (`#t=…`, `#g=…`): never sent to the server with the page, never in
 * a Referer; the page exchanges it for a session once and takes it out of the
 * address bar and the history at once.
 */

let current: SignedIn | null = null;
let refreshing: Promise<SignedIn | null> | null = null;
/** A credential from the address being exchanged: asking for the session meanwhile waits for it, or it would find none. */
let exchanging: Promise<void> | null = null;

/** Seconds before expiry at which a token is fetched again. */
const EARLY_MS = 60_000;

/** Calls the API; rejects with a LessonError carrying the server's code (UNAVAILABLE when the server cannot be reached). */
export async function api<T extends z.ZodType>(path: string, data: T, init: { method?: string; body?: unknown; token?: boolean } = {}): Promise<z.output<T>> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token !== false) headers['authorization'] = `Bearer ${await accessToken()}`;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      credentials: 'same-origin',
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new LessonError(ErrorCode.Unavailable, 'the server cannot be reached');
  }
  const parsed = apiReplySchema(data).safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new LessonError(ErrorCode.Unavailable, `unexpected reply (${response.status})`);
  const reply = parsed.data as { ok: true; data: z.output<T> } | { ok: false; error: { code: ErrorCode; message: string } };
  if (!reply.ok) throw new LessonError(reply.error.code, reply.error.message);
  return reply.data;
}

/** Exchanges a credential in the address's fragment, if any, for a session, and removes it from the address bar and history. */
export async function takeCredentialFromAddress(): Promise<void> {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const terminal = fragment.get('t');
  const guest = fragment.get('g');
  if (!terminal && !guest) return;
  // Out of the address bar before anything else can read or copy it; replaceState leaves no history entry with it.
  history.replaceState(history.state, '', window.location.pathname + window.location.search);
  exchanging = api(terminal ? '/auth/terminal' : '/auth/guest', signedInSchema, { body: { credential: terminal ?? guest }, token: false })
    .then((signed) => void (current = signed))
    .finally(() => (exchanging = null));
  await exchanging;
}

/** The session from its cookie (refreshing the access token), or null when the page is not signed in. */
export async function session(): Promise<SignedIn | null> {
  if (exchanging) await exchanging.catch(() => undefined);
  if (current && current.expiresAt - Date.now() > EARLY_MS) return current;
  refreshing ??= api('/auth/session', signedInSchema, { method: 'POST', token: false })
    .then(
      (signed) => (current = signed),
      (error: unknown) => {
        if (error instanceof LessonError && error.code === ErrorCode.Unauthorized) return (current = null);
        throw error;
      },
    )
    .finally(() => (refreshing = null));
  return refreshing;
}

/** A valid access token; UNAUTHORIZED when the page is not signed in (or its session was revoked). */
export async function accessToken(): Promise<string> {
  const signed = await session();
  if (!signed) throw new LessonError(ErrorCode.Unauthorized, 'not signed in');
  return signed.accessToken;
}

export async function signIn(login: string, password: string): Promise<SignedIn> {
  current = await api('/auth/login', signedInSchema, { body: { login, password }, token: false });
  return current;
}

export async function signOut(): Promise<void> {
  await api('/auth/logout', signedInSchema.pick({}), { method: 'POST' }).catch(() => undefined);
  current = null;
}

/** Forgets the token held in memory (after a password change the server issued a new session). */
export function setSession(signed: SignedIn | null): void {
  current = signed;
}
