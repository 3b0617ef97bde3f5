import type { z } from 'zod';
import type { Ack } from '../shared/src/ack.js';
import {
  apiReplySchema,
  lessonLinksSchema,
  liveLessonSchema,
  mediaViewSchema,
  type LessonLinks,
  type LiveLesson,
  type MediaView,
  type NewLesson,
  type ReceiverView,
} from '../shared/src/api.js';

/*
 * The lesson-management API as the bureau's system uses it, for the server
 * tests, the end-to-end tests and the bench. Every reply is parsed with the
 * shared schemas, so a reply of the wrong shape fails the test that reads it.
 */

/** A server to talk to: its address and admin token. */
export interface AdminTarget {
  url: string;
  adminToken: string;
}

/** The run's server, which the end-to-end tests' global set-up puts in the environment. */
export const runServer = (): AdminTarget => ({
  url: process.env['TONGTANG_URL'] ?? 'http://127.0.0.1:3000',
  adminToken: process.env['TONGTANG_ADMIN_TOKEN'] ?? '',
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

async function call<T extends z.ZodType>(target: AdminTarget, path: string, data: T, body?: unknown): Promise<z.output<T>> {
  const response = await fetch(`${target.url}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.adminToken}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // Parsed in full; typed by hand only because TypeScript cannot narrow a union built from a generic schema.
  const reply = apiReplySchema(data).parse(await response.json()) as Ack<z.output<T>>;
  if (!reply.ok) throw new AdminApiError(response.status, reply.error.code, reply.error.message);
  return reply.data;
}

/** A scheduled lesson's links, with the secret key of each (what a signalling client joins with). */
export type ScheduledLesson = Omit<LessonLinks, 'classrooms'> & {
  teacherKey: string;
  classrooms: Array<LessonLinks['classrooms'][number] & { key: string }>;
};

const linkKey = (link: string): string => new URL(link).searchParams.get('key') ?? '';

let scheduled = 0;

/**
 * Schedules a lesson through POST /api/lessons. By default a new id, and the
 * demo schools: the city classroom as host, both rural classrooms paired.
 */
export async function scheduleLesson(lesson: Partial<NewLesson> = {}, target: AdminTarget = runServer()): Promise<ScheduledLesson> {
  const links = await call(target, '/lessons', lessonLinksSchema, {
    id: `test-${Date.now().toString(36)}-${scheduled++}`,
    title: '测试课',
    teacherName: '李老师',
    hostClassroomId: 'chengguan-4-1',
    classroomIds: ['shanping-4', 'hewan-4-2'],
    ...lesson,
  } satisfies NewLesson);
  return {
    ...links,
    teacherKey: linkKey(links.teacher),
    classrooms: links.classrooms.map((classroom) => ({ ...classroom, key: linkKey(classroom.url) })),
  };
}

/** GET /api/lessons/:id/live: status, who is in, hands and floor, as Redis holds them. */
export function liveLesson(lessonId: string, target: AdminTarget = runServer()): Promise<LiveLesson> {
  return call(target, `/lessons/${encodeURIComponent(lessonId)}/live`, liveLessonSchema);
}

/** GET /api/lessons/:id/media: every receiver of a live lesson (server truth); null if the lesson is not live on this server. */
export function lessonMedia(lessonId: string, target: AdminTarget = runServer()): Promise<MediaView | null> {
  return call(target, `/lessons/${encodeURIComponent(lessonId)}/media`, mediaViewSchema).catch((error: unknown) => {
    if (error instanceof AdminApiError) return null;
    throw error;
  });
}

/** One receiver of a live lesson; null if the lesson or the receiver is not there. */
export async function serverReceiver(lessonId: string, receiverId: string, target: AdminTarget = runServer()): Promise<ReceiverView | null> {
  return (await lessonMedia(lessonId, target))?.receivers.find((r) => r.participantId === receiverId) ?? null;
}
