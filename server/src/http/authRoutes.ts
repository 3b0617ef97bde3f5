import type { Request, Response } from 'express';
import { changePasswordSchema, credentialSchema, ErrorCode, LessonError, loginSchema, type SignedIn, signedInSchema, terminalLessonSchema } from '@shared';
import { meOf, type Principal, type SessionKind } from '../auth/principal.js';
import { verifyPassword } from '../auth/passwords.js';
import { matchesHash } from '../auth/secrets.js';
import { accountByLogin } from '../db/people.js';
import { setPassword } from '../auth/people.js';
import { guestLinkRow } from '../db/guestLinks.js';
import { terminal } from '../db/terminals.js';
import { classroom } from '../db/organisation.js';
import { currentLessonOf, lessonPlan, nextLessonOf } from '../db/lessonPlans.js';
import type { Services } from '../features/context.js';
import { cookieOf, type ApiCall, type ApiRoute, answersNothing } from './apiRoute.js';

/*
 * Signing in and out. A session lives in an HttpOnly, SameSite=Strict cookie
 * scoped to /api/auth (Secure whenever the page came over HTTPS), which only
 * these routes read; everything else takes the short-lived access token they
 * hand out.
 */

export const SESSION_COOKIE = 'tongtang_session';

function setCookie(req: Request, res: Response, value: string, expiresAt: number): void {
  res.cookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/api/auth', expires: new Date(expiresAt) });
}

async function signedIn(services: Services, principal: Principal): Promise<SignedIn> {
  const { token, expiresAt } = await services.accounts.sessions.access(principal);
  return { accessToken: token, expiresAt, me: meOf(principal) };
}

/** Opens a session for a principal (already checked), sets its cookie, answers with its first access token. */
export async function openSession(services: Services, req: Request, res: Response, kind: SessionKind, principalId: string, expiresAt?: number): Promise<SignedIn> {
  const session = await services.accounts.sessions.create(kind, principalId, req.ip ?? null, expiresAt);
  const { principal } = session;
  if (!principal) throw new LessonError(ErrorCode.Unauthorized, 'the session could not be opened');
  setCookie(req, res, session.cookie, session.expiresAt);
  return signedIn(services, principal);
}
const open = (call: ApiCall, kind: SessionKind, principalId: string, expiresAt?: number): Promise<SignedIn> =>
  openSession(call.services, call.req, call.res, kind, principalId, expiresAt);

/** A sign-in refused, as the audit trail keeps it: what was tried, by whom, why, and whose trail it is. */
interface Refusal {
  action: string;
  /** The login or link that was tried. */
  actorName: string;
  detail: string;
  target?: string | null;
  bureauId: string | null;
  schoolId: string | null;
}

/** Records a refused sign-in in the audit trail, then throws `error`: what the client is told. */
function refuseSignIn(call: ApiCall, refusal: Refusal, error: unknown): never {
  call.services.accounts.audit.record({ actor: null, outcome: 'refused', address: call.address, ...refusal });
  throw error;
}

/** Refuses an address outside the principal's bureau's or school's rules, and records why. */
async function checkAddress(call: ApiCall, who: { bureauId: string | null; schoolId: string | null }, action: string, actorName: string): Promise<void> {
  const refused = await call.services.accounts.ipRules.refusal(call.address, who.bureauId, who.schoolId);
  if (!refused) return;
  refuseSignIn(
    call,
    { action, actorName, detail: refused, bureauId: who.bureauId, schoolId: who.schoolId },
    new LessonError(ErrorCode.AddressRefused, 'signing in from this network address is not allowed (IP rules)'),
  );
}

const login: ApiRoute = {
  method: 'post',
  path: '/auth/login',
  action: 'public',
  summary: 'Sign in with a login and password: a session cookie and the first access token.',
  response: signedInSchema,
  body: loginSchema,
  async run(call) {
    const { login: name, password } = call.body as { login: string; password: string };
    const { limiter, audit } = call.services.accounts;
    const account = await accountByLogin(call.services.db, name);
    const attempt = { action: 'auth.login', actorName: name, bureauId: account?.bureau_id ?? null, schoolId: account?.school_id ?? null };
    // At the limit the password is not even checked: guessing costs the guesser the window.
    await limiter.check(name, call.address).catch((error: unknown) => refuseSignIn(call, { ...attempt, detail: (error as Error).message }, error));
    const right = await verifyPassword(account?.password_hash ?? null, password);
    if (!account || !right || account.disabled_at !== null) {
      await limiter.failed(name, call.address);
      refuseSignIn(call, { ...attempt, detail: account?.disabled_at ? 'account disabled' : 'wrong login or password' }, new LessonError(ErrorCode.Unauthorized, 'wrong login or password'));
    }
    await checkAddress(call, { bureauId: account.bureau_id, schoolId: account.school_id }, 'auth.login', name);
    await limiter.succeeded(name);
    const result = await open(call, 'account', account.id);
    audit.record({ actor: null, actorName: account.name, action: 'auth.login', outcome: 'ok', address: call.address, target: account.id, bureauId: account.bureau_id, schoolId: account.school_id });
    return result;
  },
};

const refresh: ApiRoute = {
  method: 'post',
  path: '/auth/session',
  action: 'public',
  summary: 'A fresh access token from the session cookie.',
  response: signedInSchema,
  async run(call) {
    const cookie = cookieOf(call.req, SESSION_COOKIE);
    const principal = cookie ? await call.services.accounts.sessions.fromCookie(cookie) : null;
    if (!principal) throw new LessonError(ErrorCode.Unauthorized, 'not signed in');
    await checkAddress(call, principal, 'auth.session', principal.name);
    return signedIn(call.services, principal);
  },
};

const logout: ApiRoute = {
  method: 'post',
  path: '/auth/logout',
  action: 'signedIn',
  summary: 'Sign out: the session ends and its cookie is cleared.',
  response: answersNothing,
  async run(call) {
    await call.services.accounts.sessions.revoke(call.principal.sessionId, 'signedOut');
    call.res.clearCookie(SESSION_COOKIE, { path: '/api/auth' });
    call.services.accounts.audit.record({ actor: call.principal, action: 'auth.logout', outcome: 'ok', address: call.address });
    return {};
  },
};

const changePassword: ApiRoute = {
  method: 'post',
  path: '/auth/password',
  action: 'signedIn',
  summary: "Change one's own password; every other session of the account ends.",
  response: signedInSchema,
  body: changePasswordSchema,
  async run(call) {
    const { current, next } = call.body as { current: string; next: string };
    if (call.principal.kind !== 'account') throw new LessonError(ErrorCode.Forbidden, 'only a person has a password');
    const { db } = call.services;
    const { sessions, audit } = call.services.accounts;
    const account = await accountByLogin(db, (await db.selectFrom('account').select('login').where('id', '=', call.principal.id).executeTakeFirstOrThrow()).login);
    if (!account || !(await verifyPassword(account.password_hash, current))) throw new LessonError(ErrorCode.Unauthorized, 'the current password is wrong');
    if (current === next) throw new LessonError(ErrorCode.BadRequest, 'the new password must differ from the current one');
    await setPassword(db, account.id, next, false);
    // Every session of the account ends, this one too; this page gets a new one.
    await sessions.revokeAllOf(account.id, 'passwordChanged');
    audit.record({ actor: call.principal, action: 'auth.password', outcome: 'ok', address: call.address });
    return open(call, 'account', account.id);
  },
};

const enrolTerminal: ApiRoute = {
  method: 'post',
  path: '/auth/terminal',
  action: 'public',
  summary: "A classroom terminal enrols with its link's credential.",
  response: signedInSchema,
  body: credentialSchema,
  async run(call) {
    const { credential } = call.body as { credential: string };
    const { sessions, audit } = call.services.accounts;
    const id = await sessions.signer.verifyLink('terminal', credential);
    const row = id ? await terminal(call.services.db, id) : null;
    const valid = row && row.revokedAt === null && row.linkHash !== null && matchesHash(credential, row.linkHash) && (row.linkExpiresAt ?? 0) > Date.now();
    if (!row || !valid) {
      refuseSignIn(
        call,
        { action: 'auth.terminal', actorName: 'terminal link', target: id, detail: 'invalid, expired, replaced or revoked terminal link', bureauId: row?.bureauId ?? null, schoolId: row?.schoolId ?? null },
        new LessonError(ErrorCode.Unauthorized, 'this terminal link is not valid (expired, replaced or revoked); ask the school admin for a new one'),
      );
    }
    await checkAddress(call, { bureauId: row.bureauId, schoolId: row.schoolId }, 'auth.terminal', row.name);
    const result = await open(call, 'terminal', row.id);
    audit.record({ actor: null, actorName: row.name, action: 'auth.terminal', outcome: 'ok', address: call.address, target: row.id, bureauId: row.bureauId, schoolId: row.schoolId });
    return result;
  },
};

const enterAsGuest: ApiRoute = {
  method: 'post',
  path: '/auth/guest',
  action: 'public',
  summary: "A guest enters one lesson with its link's credential.",
  response: signedInSchema,
  body: credentialSchema,
  async run(call) {
    const { credential } = call.body as { credential: string };
    const { sessions } = call.services.accounts;
    const id = await sessions.signer.verifyLink('guest', credential);
    const row = id ? await guestLinkRow(call.services.db, id) : null;
    if (!row || row.withdrawn_at !== null || row.expires_at <= Date.now() || !matchesHash(credential, row.link_hash)) {
      refuseSignIn(
        call,
        { action: 'auth.guest', actorName: 'guest link', target: id, detail: 'invalid, expired or withdrawn guest link', bureauId: null, schoolId: null },
        new LessonError(ErrorCode.Unauthorized, 'this guest link is not valid (expired or withdrawn)'),
      );
    }
    const plan = await lessonPlan(call.services.db, row.lesson_id);
    await checkAddress(call, { bureauId: plan?.bureauId ?? null, schoolId: plan?.hostSchoolId ?? null }, 'auth.guest', row.name);
    // The guest's session ends with its link.
    return open(call, 'guest', row.id, row.expires_at);
  },
};

/** A terminal asks which lesson to be in now, by the timetable's clock (it polls), and which comes next. */
const terminalLesson: ApiRoute = {
  method: 'get',
  path: '/terminal/lesson',
  action: 'signedIn',
  summary: 'A terminal asks which lesson its classroom is in now.',
  response: terminalLessonSchema,
  async run(call) {
    const classroomId = call.principal.classroomId;
    if (call.principal.kind !== 'terminal' || !classroomId) throw new LessonError(ErrorCode.Forbidden, 'only a classroom terminal has a classroom');
    const { db, clock } = call.services;
    const now = clock.now();
    const [current, next, room] = await Promise.all([currentLessonOf(db, classroomId, now), nextLessonOf(db, classroomId, now), classroom(db, classroomId)]);
    return { current: current ? { ...current, classroomId } : null, next, serverNow: now, timeZone: call.services.config.timetable.timeZone, classroomName: room?.name ?? '', schoolName: room?.schoolName ?? '' };
  },
};

export const authRoutes: readonly ApiRoute[] = [login, refresh, logout, changePassword, enrolTerminal, enterAsGuest, terminalLesson];
