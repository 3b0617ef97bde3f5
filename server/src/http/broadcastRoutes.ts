import { z } from 'zod';
import {
  broadcastSchema, cancelBroadcastSchema, ErrorCode, LessonError, newBroadcastSchema, nextBroadcastState, publicBroadcastSchema, rejectBroadcastSchema, scheduleBroadcastSchema,
  type Broadcast, type BroadcastAction, type BroadcastActor, type NewBroadcast,
} from '@shared';
import { demand } from '../auth/can.js';
import { broadcast, broadcasts, createBroadcast, moveBroadcast, publicBroadcasts } from '../db/broadcasts.js';
import { createLesson, deleteLesson } from '../db/lessonPlans.js';
import { classroom, school } from '../db/organisation.js';
import { changeLessonStatus } from '../features/lesson-status/changeLessonStatus.js';
import { audited, type ApiCall, type ApiRoute } from './apiRoute.js';
import { startBroadcastOutputs } from './broadcastOutputRoutes.js';
import { bureauOf, queryString } from './scopes.js';

/*
 * 名师直播 (issue 17): apply, review, schedule, rehearse, go live, end. Every
 * step goes through the one table (shared/src/broadcasts.ts); a refused step
 * answers the table's sentence (`?lang=zh`: in Chinese), 409 for the wrong
 * state, 403 for the wrong person. Scheduling makes the broadcast's lesson,
 * with only its host classroom: the rehearsal is that lesson with nobody of
 * the audience in it; 开始直播 adds the audience's classrooms and starts the
 * lesson (so it is recorded and lands in the library); 结束直播 ends it.
 */

const langQuery = z.object({ lang: z.string().optional() });
const zh = (call: ApiCall) => queryString(call.query['lang'])?.startsWith('zh') ?? false;

/** The steps that are pushed to webhooks, by the event they push. */
const pushed: Partial<Record<BroadcastAction, 'broadcast.approved' | 'broadcast.rejected' | 'broadcast.live' | 'broadcast.ended'>> = {
  approve: 'broadcast.approved',
  reject: 'broadcast.rejected',
  goLive: 'broadcast.live',
  end: 'broadcast.ended',
};

/** Where a broadcast belongs, for the permission table: its bureau, its school, its teacher. */
const targetOf = (b: Broadcast) => ({ bureauId: b.bureauId, schoolIds: [b.schoolId], ownerId: b.teacherAccountId });

/** What one step does besides moving the state; what it returns is stored with the move. */
type StepWork = (call: ApiCall, b: Broadcast) => Promise<{ reason?: string; lessonId?: string; startsAt?: number; endsAt?: number; undo?: () => Promise<void> } | void>;

async function step(call: ApiCall, action: BroadcastAction, permission: 'broadcast.withdraw' | 'broadcast.review' | 'broadcast.host', work?: StepWork): Promise<Broadcast> {
  const { db } = call.services;
  const found = await broadcast(db, call.params['id'] ?? '');
  if (!found) throw new LessonError(ErrorCode.NotFound, zh(call) ? '没有这个直播' : 'no such broadcast');
  demand(call.principal, permission, targetOf(found));
  const actor: BroadcastActor = call.principal.role === 'bureauAdmin' ? 'bureau' : 'applicant';
  const next = nextBroadcastState(found.state, action, actor);
  if (!next.ok) {
    const message = zh(call) ? next.refusal.zh : next.refusal.en;
    call.services.accounts.audit.record({ actor: call.principal, action: `broadcast.${action}`, target: found.id, outcome: 'refused', address: call.address, detail: next.refusal.en });
    throw new LessonError(next.refusal.kind === 'forbidden' ? ErrorCode.Forbidden : ErrorCode.Conflict, message);
  }
  const change = (await work?.(call, found)) ?? {};
  const { undo, ...stored } = change;
  if (!(await moveBroadcast(db, found.id, found.state, next.state, stored))) {
    await undo?.();
    throw new LessonError(ErrorCode.Conflict, zh(call) ? '这个直播刚被别人改过，请刷新后再试。' : 'someone else changed this broadcast just now; reload and try again');
  }
  const moved = (await broadcast(db, found.id))!;
  audited(call, `broadcast.${action}`, found.id, `${found.title}: ${found.state} → ${next.state}${stored.reason ? ` (${stored.reason})` : ''}`);
  const event = pushed[action];
  if (event) await call.services.webhooks.broadcastChanged(event, moved);
  // 直播输出: HLS and the push start with the broadcast (and stop when its lesson ends).
  if (action === 'goLive') await startBroadcastOutputs(call.services, moved);
  return moved;
}

/** 排期: the broadcast's lesson, with only its host classroom until it goes live. */
const scheduleWork: StepWork = async (call, b) => {
  const times = call.body as z.infer<typeof scheduleBroadcastSchema>;
  const startsAt = times.startsAt ?? b.startsAt;
  const endsAt = times.endsAt ?? b.endsAt;
  if (endsAt <= startsAt) throw new LessonError(ErrorCode.BadRequest, zh(call) ? '结束时间要晚于开始时间' : 'the end is after the start');
  const lessonId = await createLesson(call.services.db, {
    title: b.title, teacherAccountId: b.teacherAccountId, teacherName: b.teacherName, hostClassroomId: b.hostClassroomId, classroomIds: [],
    startsAt, endsAt, subject: b.subject ?? undefined, grade: b.grade ?? undefined, record: true,
  });
  return { lessonId, startsAt, endsAt, undo: () => deleteLesson(call.services.db, lessonId) };
};

/** 开始直播: the audience's classrooms join the lesson, and it starts (recorded, pushed as lesson.started too). */
const goLiveWork: StepWork = async (call, b) => {
  const { db } = call.services;
  const lessonId = b.lessonId!;
  const present = new Set((await db.selectFrom('lesson_classroom').select('classroom_id').where('lesson_id', '=', lessonId).execute()).map((r) => r.classroom_id));
  for (const classroomId of b.audience.classroomIds) {
    if (classroomId === b.hostClassroomId || present.has(classroomId)) continue;
    await db.insertInto('lesson_classroom').values({ lesson_id: lessonId, classroom_id: classroomId }).execute();
  }
  await changeLessonStatus(call.services, lessonId, 'live');
};

const endWork: StepWork = async (call, b) => void (await changeLessonStatus(call.services, b.lessonId!, 'ended'));

/** 取消: a lesson that never started is removed; one open for the rehearsal is ended, so nobody stays in it. */
const cancelWork: StepWork = async (call, b) => {
  const { reason } = call.body as { reason: string };
  if (b.lessonId) {
    if (await call.services.lessons.find(b.lessonId)) await changeLessonStatus(call.services, b.lessonId, 'ended');
    else await deleteLesson(call.services.db, b.lessonId);
  }
  return { reason };
};

const transition = (path: string, action: BroadcastAction, permission: 'broadcast.withdraw' | 'broadcast.review' | 'broadcast.host', summary: string, body?: z.ZodType, work?: StepWork): ApiRoute => ({
  method: 'post',
  path: `/broadcasts/:id/${path}`,
  action: permission,
  summary,
  query: langQuery,
  ...(body ? { body } : {}),
  response: broadcastSchema,
  run: (call) => step(call, action, permission, work),
});

export const broadcastRoutes: readonly ApiRoute[] = [
  {
    method: 'post',
    path: '/broadcasts',
    action: 'broadcast.apply',
    summary: '申请直播: a teacher applies to broadcast from a classroom of her school to an audience.',
    query: langQuery,
    body: newBroadcastSchema,
    response: broadcastSchema,
    async run(call) {
      const value = call.body as NewBroadcast;
      const { db } = call.services;
      const host = await classroom(db, value.hostClassroomId);
      if (!host) throw new LessonError(ErrorCode.NotFound, 'no such host classroom');
      demand(call.principal, 'broadcast.apply', { bureauId: host.bureauId, schoolIds: [host.schoolId] });
      // The audience is of the teacher's own bureau.
      for (const id of value.audience.schoolIds) {
        if ((await school(db, id))?.bureauId !== host.bureauId) throw new LessonError(ErrorCode.BadRequest, `no such school in this bureau: ${id}`);
      }
      for (const id of value.audience.classroomIds) {
        if ((await classroom(db, id))?.bureauId !== host.bureauId) throw new LessonError(ErrorCode.BadRequest, `no such classroom in this bureau: ${id}`);
      }
      const id = await createBroadcast(db, { ...value, bureauId: host.bureauId, schoolId: host.schoolId, teacherAccountId: call.principal.id, teacherName: call.principal.name });
      const created = (await broadcast(db, id))!;
      audited(call, 'broadcast.apply', id, value.title);
      await call.services.webhooks.broadcastChanged('broadcast.applied', created);
      return created;
    },
  },
  {
    method: 'get',
    path: '/broadcasts',
    action: 'broadcast.read',
    summary: "我的直播 (a teacher's own applications) or 直播审核 (every broadcast of the bureau), newest first.",
    response: z.array(broadcastSchema),
    run: ({ services, principal }) =>
      broadcasts(services.db, { bureauId: bureauOf(principal), ...(principal.role === 'bureauAdmin' ? {} : { teacherAccountId: principal.id }) }),
  },
  {
    method: 'get',
    path: '/broadcasts/public',
    action: 'public',
    summary: 'The public broadcasts coming up and live (no sign-in); a rehearsal is never listed.',
    query: z.object({ bureauId: z.string().optional() }),
    response: z.array(publicBroadcastSchema),
    async run({ services, query }) {
      // The schema keeps only what the public may see (zod drops the rest: reviewer's reason, audience, lesson).
      return (await publicBroadcasts(services.db, queryString(query['bureauId']))).map((b) => publicBroadcastSchema.parse(b));
    },
  },
  transition('withdraw', 'withdraw', 'broadcast.withdraw', '撤回: the applicant withdraws an application that awaits review.'),
  transition('approve', 'approve', 'broadcast.review', '批准: the bureau approves an application.'),
  transition('reject', 'reject', 'broadcast.review', '驳回: the bureau rejects an application, with a reason for the teacher.', rejectBroadcastSchema, async (call) => ({ reason: (call.body as { reason: string }).reason })),
  transition('schedule', 'schedule', 'broadcast.review', '排期: the bureau schedules an approved broadcast (its time may move), making its lesson.', scheduleBroadcastSchema, scheduleWork),
  transition('cancel', 'cancel', 'broadcast.review', '取消: the bureau cancels an approved, scheduled or rehearsing broadcast, with a reason.', cancelBroadcastSchema, cancelWork),
  transition('rehearsal', 'openRehearsal', 'broadcast.host', '彩排: opens the rehearsal, the lesson with nobody of the audience in it.'),
  transition('live', 'goLive', 'broadcast.host', '开始直播: the audience joins and the lesson starts (recorded).', undefined, goLiveWork),
  transition('end', 'end', 'broadcast.host', '结束直播: the lesson ends; its recording goes to the library.', undefined, endWork),
];
