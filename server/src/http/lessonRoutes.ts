import { z } from 'zod';
import { ErrorCode, isHiddenRole, LessonError, newGuestLinkSchema, newLessonPlanSchema, type LiveLesson, type NewLessonPlan, guestLinkSchema, issuedGuestLinkSchema, liveLessonSchema, mediaViewSchema, lessonSummarySchema } from '@shared';
import { demand, lessonTarget } from '../auth/can.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { newId } from '../db/ids.js';
import { createGuestLink, guestLinkRow, guestLinks, withdrawGuestLink } from '../db/guestLinks.js';
import { createLesson, deleteLesson, lessonPlan, lessonPlans, lessonSummary } from '../db/lessonPlans.js';
import { classroom, pairedSchools } from '../db/organisation.js';
import { audited, type ApiCall, type ApiRoute, answersNothing } from './apiRoute.js';
import { routeLesson } from './routeLesson.js';
import { lessonMediaView } from './lessonMedia.js';
import { streamLessonEvents } from './lessonEvents.js';
import { bureauOf } from './scopes.js';

/** Lessons (a teacher creates her own), their guest links, and the live view of one (巡课, tests). */

/** A guest link of a lesson without an end time lasts a school day. */
const GUEST_WITHOUT_END_MS = 12 * 3600_000;

/** The lesson of the route, if the principal may do `action` to it. */
const lessonFor = (call: ApiCall, action: 'lesson.read' | 'lesson.delete' | 'lesson.inspect' | 'guest.manage', lessonId = call.params['id'] ?? '') =>
  // Deleting is the host school's (or the teacher's) decision, not a paired school's.
  routeLesson(call, action, lessonId, action === 'lesson.delete' ? (plan) => ({ ...lessonTarget(plan), schoolIds: [plan.hostSchoolId] }) : lessonTarget);


export const lessonRoutes: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/lessons',
    action: 'lesson.read',
    summary: 'The lessons in scope.',
    response: z.array(lessonSummarySchema),
    async run({ services, principal }) {
      const bureauId = bureauOf(principal);
      const plans =
        principal.role === 'teacher'
          ? await lessonPlans(services.db, { bureauId, teacherAccountId: principal.id })
          : principal.role === 'schoolAdmin'
            ? await lessonPlans(services.db, { bureauId, schoolId: principal.schoolId ?? '-' })
            : await lessonPlans(services.db, { bureauId });
      return plans.map((plan) => lessonSummary(plan, services.config.publicUrl));
    },
  },
  {
    method: 'post',
    path: '/lessons',
    action: 'lesson.create',
    summary: 'A teacher creates a lesson in her classroom with paired classrooms.',
    response: lessonSummarySchema,
    body: newLessonPlanSchema,
    async run(call) {
      const lesson = call.body as NewLessonPlan;
      const { db } = call.services;
      const host = await classroom(db, lesson.hostClassroomId);
      if (!host) throw new LessonError(ErrorCode.NotFound, 'no such host classroom');
      demand(call.principal, 'lesson.create', { bureauId: host.bureauId, schoolIds: [host.schoolId] });
      // Paired classrooms come from the teacher's own school or the schools paired with it (结对).
      const allowed = new Set([host.schoolId, ...(await pairedSchools(db, host.schoolId))]);
      for (const id of lesson.classroomIds) {
        const room = await classroom(db, id);
        if (!room) throw new LessonError(ErrorCode.NotFound, `no such classroom: ${id}`);
        if (!allowed.has(room.schoolId)) throw new LessonError(ErrorCode.Forbidden, `${room.schoolName} · ${room.name} is not in a school paired with yours`);
        if (id === host.id) throw new LessonError(ErrorCode.BadRequest, 'the host classroom is not also a paired classroom');
      }
      const id = await createLesson(db, { ...lesson, classroomIds: [...new Set(lesson.classroomIds)], teacherAccountId: call.principal.id, teacherName: call.principal.name });
      audited(call, 'lesson.create', id, lesson.title);
      await call.services.webhooks.lessonScheduled(id);
      return lessonSummary((await lessonPlan(db, id))!, call.services.config.publicUrl);
    },
  },
  {
    method: 'post',
    path: '/lessons/:id/delete',
    action: 'lesson.delete',
    summary: 'Delete a lesson that is not live.',
    response: answersNothing,
    async run(call) {
      const plan = await lessonFor(call, 'lesson.delete');
      if (await call.services.lessons.find(plan.id)) throw new LessonError(ErrorCode.Conflict, 'the lesson is live; end it first');
      await deleteLesson(call.services.db, plan.id);
      audited(call, 'lesson.delete', plan.id, plan.title);
      return {};
    },
  },
  {
    method: 'get',
    path: '/lessons/:id/guests',
    action: 'guest.manage',
    summary: "A lesson's guest links.",
    response: z.array(guestLinkSchema),
    run: async (call) => guestLinks(call.services.db, (await lessonFor(call, 'guest.manage')).id),
  },
  {
    method: 'post',
    path: '/lessons/:id/guests',
    action: 'guest.manage',
    summary: 'Create a guest link of a lesson (shown once).',
    response: issuedGuestLinkSchema,
    body: newGuestLinkSchema,
    async run(call) {
      const plan = await lessonFor(call, 'guest.manage');
      const { name, rights } = call.body as { name: string; rights?: string[] };
      const expiresAt = plan.endsAt ?? Date.now() + GUEST_WITHOUT_END_MS;
      if (expiresAt <= Date.now()) throw new LessonError(ErrorCode.BadRequest, 'the lesson is over');
      const { signer } = call.services.accounts.sessions;
      const id = newId('guest');
      const credential = await signer.link('guest', id, expiresAt, newSecret());
      const guest = await createGuestLink(call.services.db, { id, lessonId: plan.id, name, rights: rights ?? ['receive'], expiresAt, createdBy: call.principal.id, linkHash: hashSecret(credential) });
      audited(call, 'guest.create', guest.id, `${plan.id}: ${name}`);
      return { guest, url: `${call.services.config.publicUrl}/lesson/${encodeURIComponent(plan.id)}/watch#g=${credential}` };
    },
  },
  {
    method: 'post',
    path: '/guests/:id/withdraw',
    action: 'guest.manage',
    summary: 'Withdraw a guest link: its sessions end.',
    response: guestLinkSchema,
    async run(call) {
      const row = await guestLinkRow(call.services.db, call.params['id'] ?? '');
      if (!row) throw new LessonError(ErrorCode.NotFound, 'no such guest link');
      await lessonFor(call, 'guest.manage', row.lesson_id);
      const withdrawn = await withdrawGuestLink(call.services.db, row.id);
      await call.services.accounts.sessions.revokeAllOf(row.id, 'revoked');
      audited(call, 'guest.withdraw', row.id);
      return withdrawn;
    },
  },
  /** The live state of a lesson as Redis holds it: for inspection (巡课) and for tests. */
  {
    method: 'get',
    path: '/lessons/:id/live',
    action: 'lesson.inspect',
    summary: 'The live state of a lesson: status, participants, hands, floor.',
    response: liveLessonSchema,
    async run(call) {
      const { id } = await lessonFor(call, 'lesson.inspect');
      const { live, hands, floors } = call.services;
      const [status, participants, raised, floor] = await Promise.all([live.status(id), live.participants(id), hands.list(id), floors.get(id)]);
      // The live view shows the lesson as its teacher sees it: hidden observers (听课) and inspectors (巡课) are not in it.
      return { status, participants: participants.filter((p) => !isHiddenRole(p.role)), hands: raised, floor } satisfies LiveLesson;
    },
  },
  /** What each receiver gets (see lessonMedia.ts). */
  {
    method: 'get',
    path: '/lessons/:id/media',
    action: 'lesson.inspect',
    summary: 'What each receiver of a live lesson gets.',
    response: mediaViewSchema,
    async run(call) {
      const lesson = await call.services.lessons.find((await lessonFor(call, 'lesson.inspect')).id);
      if (!lesson) throw new LessonError(ErrorCode.NotFound, 'the lesson is not live on this server');
      return lessonMediaView(lesson);
    },
  },
  /** The live lesson's events as they happen (server-sent events; see lessonEvents.ts). */
  {
    method: 'get',
    path: '/lessons/:id/events',
    action: 'lesson.inspect',
    summary: "The live lesson's events as they happen (server-sent events).",
    produces: 'text/event-stream',
    async run(call) {
      const lesson = await call.services.lessons.find((await lessonFor(call, 'lesson.inspect')).id);
      if (!lesson) throw new LessonError(ErrorCode.NotFound, 'the lesson is not live on this server');
      streamLessonEvents(lesson, call.req, call.res);
      return undefined;
    },
  },
];
