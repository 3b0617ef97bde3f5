import type { z } from 'zod';
import type { Ack } from '../shared/src/ack.js';
import {
  issuedGuestLinkSchema,
  issuedPasswordSchema,
  lessonSummarySchema,
  signedInSchema,
  terminalLinkSchema,
  type AccountRole,
  type NewLessonPlan,
  type SignedIn,
} from '../shared/src/accounts.js';
import { apiReplySchema, liveLessonSchema, mediaViewSchema, type LiveLesson, type MediaView, type ReceiverView } from '../shared/src/api.js';
import { testClockSchema } from '../shared/src/timetable.js';
import type { PageTarget } from './pageTarget.js';
import { serverFetch } from './trustedFetch.js';

/*
 * The server's API as its admins and teachers use it, for the server tests,
 * the end-to-end tests and the bench. Every reply is parsed with the shared
 * schemas, so a reply of the wrong shape fails the test that reads it. Tests
 * sign in like people do: the first bureau admin (ADMIN_INITIAL_PASSWORD),
 * a teacher the admin created (who changes her one-time password), and a
 * terminal per classroom registered by the admin.
 */

/** A server to talk to: its address and its first admin's password. */
export interface AdminTarget {
  url: string;
  adminPassword: string;
}

/** The run's server, which the end-to-end tests' global set-up puts in the environment. */
export const runServer = (): AdminTarget => ({
  url: process.env['TONGTANG_URL'] ?? 'http://127.0.0.1:3000',
  adminPassword: process.env['TONGTANG_ADMIN_PASSWORD'] ?? '',
});

/** A reply that was not `ok`: its HTTP status and error code. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
    this.name = 'AdminApiError';
  }
}

/** Calls the API with a bearer token (or none); parses the reply with `data`. */
export async function apiCall<T extends z.ZodType>(url: string, path: string, data: T, init: { token?: string; body?: unknown; method?: string } = {}): Promise<z.output<T>> {
  const response = await serverFetch(`${url}/api${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  // Parsed in full; typed by hand only because TypeScript cannot narrow a union built from a generic schema.
  const reply = apiReplySchema(data).parse(await response.json()) as Ack<z.output<T>>;
  if (!reply.ok) throw new AdminApiError(response.status, reply.error.code, reply.error.message);
  return reply.data;
}

/** Signs in with a password; the reply carries the access token. */
export const signIn = (url: string, login: string, password: string): Promise<SignedIn> =>
  apiCall(url, '/auth/login', signedInSchema, { body: { login, password } });

const tokens = new Map<string, SignedIn>();
/** An access token of the first bureau admin, signed in once per server and again before it expires. */
export async function adminToken(target: AdminTarget = runServer()): Promise<string> {
  const held = tokens.get(target.url);
  if (held && held.expiresAt - Date.now() > 60_000) return held.accessToken;
  const signed = await signIn(target.url, 'admin', target.adminPassword);
  tokens.set(target.url, signed);
  return signed.accessToken;
}

const asAdmin = async <T extends z.ZodType>(target: AdminTarget, path: string, data: T, body?: unknown): Promise<z.output<T>> =>
  apiCall(target.url, path, data, { token: await adminToken(target), ...(body === undefined ? {} : { body }) });

/** A person's sign-in: for a page (`PageTarget.signIn`) or a token. */
export interface Credentials {
  login: string;
  password: string;
}

let created = 0;
const unique = (): string => `${Date.now().toString(36)}${(created++).toString(36)}`;

/** Signs in with a one-time password and changes it, as a person does at the first sign-in; returns the new credentials. */
export async function firstSignIn(url: string, login: string, initialPassword: string): Promise<Credentials> {
  const first = await signIn(url, login, initialPassword);
  const password = `pw-${login}-0123456789`;
  await apiCall(url, '/auth/password', signedInSchema, { token: first.accessToken, body: { current: initialPassword, next: password } });
  return { login, password };
}

/**
 * A person created by an admin (by default the first bureau admin), who then
 * signs in and changes the one-time password: these are her credentials.
 */
export async function createPerson(
  person: { role: AccountRole; schoolId?: string; name?: string },
  target: AdminTarget = runServer(),
  adminAccessToken?: string,
): Promise<Credentials & { accountId: string }> {
  const login = `${person.role.slice(0, 3).toLowerCase()}-${unique()}`;
  const body = { login, name: person.name ?? '李老师', role: person.role, staffNumber: login, ...(person.schoolId ? { schoolId: person.schoolId } : {}) };
  const issued = await apiCall(target.url, '/accounts', issuedPasswordSchema, { token: adminAccessToken ?? (await adminToken(target)), body });
  return { ...(await firstSignIn(target.url, login, issued.initialPassword)), accountId: issued.account.id };
}

/** A teacher of a school (the demo city school by default). */
export const createTeacher = (target: AdminTarget = runServer(), schoolId = 'chengguan'): Promise<Credentials & { accountId: string }> =>
  createPerson({ role: 'teacher', schoolId }, target);

/** A guest link of a lesson, created by its teacher: its credential (what the link's fragment holds). */
export async function createGuestLink(
  lessonId: string,
  teacherAccessToken: string,
  target: AdminTarget = runServer(),
  rights: Array<'receive' | 'chat'> = ['receive'],
): Promise<{ guestId: string; url: string; credential: string }> {
  const issued = await apiCall(target.url, `/lessons/${encodeURIComponent(lessonId)}/guests`, issuedGuestLinkSchema, { token: teacherAccessToken, body: { name: '听课教师', rights } });
  return { guestId: issued.guest.id, url: issued.url, credential: new URL(issued.url).hash.replace(/^#g=/, '') };
}

/** A guest's access token (its link exchanged for a session). */
export async function guestToken(credential: string, target: AdminTarget = runServer()): Promise<string> {
  return (await apiCall(target.url, '/auth/guest', signedInSchema, { body: { credential } })).accessToken;
}

/** A terminal registered for a classroom: its link's credential (what the QR code holds). */
export async function registerTerminal(classroomId: string, target: AdminTarget = runServer()): Promise<{ terminalId: string; url: string; credential: string }> {
  const link = await asAdmin(target, '/terminals', terminalLinkSchema, { classroomId });
  return { terminalId: link.terminal.id, url: link.url, credential: new URL(link.url).hash.replace(/^#t=/, '') };
}

/** A terminal's access token (its link exchanged for a session, as the page does). */
export async function terminalToken(credential: string, target: AdminTarget = runServer()): Promise<string> {
  return (await apiCall(target.url, '/auth/terminal', signedInSchema, { body: { credential } })).accessToken;
}

/** A scheduled lesson: the teacher's page and token, and per classroom its page (its terminal's link in the fragment) and token. */
export interface ScheduledLesson {
  lessonId: string;
  title: string;
  /** The teacher's page, opened signed in as her. */
  teacher: PageTarget;
  teacherLogin: Credentials;
  /** An access token of the teacher, for a signalling client. */
  teacherToken: string;
  classrooms: Array<{ classroomId: string; name: string; url: string; terminalId: string; credential: string; token: string }>;
}

export interface LessonRequest {
  title?: string;
  hostClassroomId?: string;
  classroomIds?: string[];
  /** Reuse a teacher (several lessons of one teacher); by default a new one per lesson. */
  teacher?: Credentials;
  /** 录制 by itself from 开始上课 (the lesson's own setting). */
  record?: boolean;
  subject?: string;
  grade?: string;
}

/**
 * Schedules a lesson as a teacher does (POST /api/lessons): by default a new
 * teacher of the demo city school teaching from its classroom, both demo
 * rural classrooms paired, each with a newly registered terminal.
 */
export async function scheduleLesson(lesson: LessonRequest = {}, target: AdminTarget = runServer()): Promise<ScheduledLesson> {
  const teacher = lesson.teacher ?? (await createTeacher(target));
  const signed = await signIn(target.url, teacher.login, teacher.password);
  const plan: NewLessonPlan = {
    title: lesson.title ?? '测试课',
    hostClassroomId: lesson.hostClassroomId ?? 'chengguan-4-1',
    classroomIds: lesson.classroomIds ?? ['shanping-4', 'hewan-4-2'],
    ...(lesson.record !== undefined ? { record: lesson.record } : {}),
    ...(lesson.subject !== undefined ? { subject: lesson.subject } : {}),
    ...(lesson.grade !== undefined ? { grade: lesson.grade } : {}),
  };
  const summary = await apiCall(target.url, '/lessons', lessonSummarySchema, { token: signed.accessToken, body: plan });
  const base = `${target.url}/lesson/${encodeURIComponent(summary.id)}`;
  const classrooms = await Promise.all(
    summary.classrooms.map(async (c) => {
      const terminal = await registerTerminal(c.classroomId, target);
      return {
        classroomId: c.classroomId,
        name: c.name,
        url: `${base}/classroom/${encodeURIComponent(c.classroomId)}#t=${terminal.credential}`,
        terminalId: terminal.terminalId,
        credential: terminal.credential,
        token: await terminalToken(terminal.credential, target),
      };
    }),
  );
  return {
    lessonId: summary.id,
    title: summary.title,
    teacher: { url: `${base}/teacher`, signIn: { login: teacher.login, password: teacher.password } },
    teacherLogin: { login: teacher.login, password: teacher.password },
    teacherToken: signed.accessToken,
    classrooms,
  };
}

/** GET /api/lessons/:id/live: status, who is in, hands and floor, as Redis holds them. */
export async function liveLesson(lessonId: string, target: AdminTarget = runServer()): Promise<LiveLesson> {
  return asAdmin(target, `/lessons/${encodeURIComponent(lessonId)}/live`, liveLessonSchema);
}

/** GET /api/lessons/:id/media: every receiver of a live lesson (server truth); null if the lesson is not live on this server. */
export async function lessonMedia(lessonId: string, target: AdminTarget = runServer()): Promise<MediaView | null> {
  return asAdmin(target, `/lessons/${encodeURIComponent(lessonId)}/media`, mediaViewSchema).catch((error: unknown) => {
    if (error instanceof AdminApiError) return null;
    throw error;
  });
}

/** One receiver of a live lesson; null if the lesson or the receiver is not there. */
export async function serverReceiver(lessonId: string, receiverId: string, target: AdminTarget = runServer()): Promise<ReceiverView | null> {
  return (await lessonMedia(lessonId, target))?.receivers.find((r) => r.participantId === receiverId) ?? null;
}

/** Moves the timetable's "now" of a server started with TEST_CLOCK=on (as its first bureau admin). */
export async function setTestClock(nowMs: number, target: AdminTarget = runServer()): Promise<void> {
  await asAdmin(target, '/test/clock', testClockSchema, { nowMs });
}
