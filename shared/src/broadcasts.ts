import { z } from 'zod';
import { idSchema } from './lesson.js';

/*
 * 名师直播 / 专递课堂 live (issue 17): a teacher applies, the bureau reviews,
 * an approved broadcast is scheduled as a lesson, rehearsed (彩排) without
 * viewers, goes live to its audience, ends, and its recording is in the
 * library. `broadcastTransitions` is THE state machine: the server, the pages
 * and the tests all read it.
 */

export const broadcastStates = ['applied', 'approved', 'rejected', 'withdrawn', 'scheduled', 'rehearsal', 'live', 'ended', 'cancelled'] as const;
export type BroadcastState = (typeof broadcastStates)[number];

export const broadcastActions = ['approve', 'reject', 'withdraw', 'schedule', 'openRehearsal', 'goLive', 'end', 'cancel'] as const;
export type BroadcastAction = (typeof broadcastActions)[number];

/** Who acts on a broadcast: its applicant (the teacher) or an admin of its bureau. */
export type BroadcastActor = 'applicant' | 'bureau';

/** One line of the table: from which states an action may be taken, by whom, and where it leads. */
export interface BroadcastTransition {
  from: readonly BroadcastState[];
  to: BroadcastState;
  by: readonly BroadcastActor[];
}

/**
 * The one transition table. Going live needs a rehearsal first (the
 * guideline's 直播调试 before 正式直播), and is a button (开始直播) of the
 * teacher or the bureau, never a timer: a broadcast to an audience does not
 * start before someone has checked its picture and sound.
 */
export const broadcastTransitions: Record<BroadcastAction, BroadcastTransition> = {
  approve: { from: ['applied'], to: 'approved', by: ['bureau'] },
  reject: { from: ['applied'], to: 'rejected', by: ['bureau'] },
  withdraw: { from: ['applied'], to: 'withdrawn', by: ['applicant'] },
  schedule: { from: ['approved'], to: 'scheduled', by: ['bureau'] },
  openRehearsal: { from: ['scheduled'], to: 'rehearsal', by: ['applicant', 'bureau'] },
  goLive: { from: ['rehearsal'], to: 'live', by: ['applicant', 'bureau'] },
  end: { from: ['live'], to: 'ended', by: ['applicant', 'bureau'] },
  cancel: { from: ['approved', 'scheduled', 'rehearsal'], to: 'cancelled', by: ['bureau'] },
};

const stateNames: Record<BroadcastState, { zh: string; en: string }> = {
  applied: { zh: '待审核', en: 'awaiting review' },
  approved: { zh: '已批准', en: 'approved' },
  rejected: { zh: '已驳回', en: 'rejected' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  scheduled: { zh: '已排期', en: 'scheduled' },
  rehearsal: { zh: '彩排中', en: 'in rehearsal' },
  live: { zh: '直播中', en: 'live' },
  ended: { zh: '已结束', en: 'ended' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

const actionNames: Record<BroadcastAction, { zh: string; en: string }> = {
  approve: { zh: '批准', en: 'approved' },
  reject: { zh: '驳回', en: 'rejected' },
  withdraw: { zh: '撤回', en: 'withdrawn' },
  schedule: { zh: '排期', en: 'scheduled' },
  openRehearsal: { zh: '开始彩排', en: 'put into rehearsal' },
  goLive: { zh: '开始直播', en: 'started' },
  end: { zh: '结束直播', en: 'ended' },
  cancel: { zh: '取消', en: 'cancelled' },
};

/** The name of a state, in Chinese or English. */
export const broadcastStateName = (state: BroadcastState, lang: 'zh' | 'en'): string => stateNames[state][lang];

/** Why a transition is refused: the actor is not one the table names (`forbidden`) or the state does not allow it (`state`). */
export interface BroadcastRefusal {
  kind: 'forbidden' | 'state';
  zh: string;
  en: string;
}

/** The next state of a broadcast in `state` when `actor` takes `action`, or why not, in plain Chinese and English. */
export function nextBroadcastState(state: BroadcastState, action: BroadcastAction, actor: BroadcastActor): { ok: true; state: BroadcastState } | { ok: false; refusal: BroadcastRefusal } {
  const line = broadcastTransitions[action];
  const name = actionNames[action];
  if (!line.by.includes(actor)) {
    const zh = actor === 'applicant' ? `只有教育局管理员可以${name.zh}直播申请。` : `只有申请的教师本人可以${name.zh}直播申请。`;
    const en = `Only ${actor === 'applicant' ? "the bureau's admins" : 'the teacher who applied'} may do this (${action}).`;
    return { ok: false, refusal: { kind: 'forbidden', zh, en } };
  }
  if (!line.from.includes(state)) {
    const now = stateNames[state];
    const allowed = line.from.map((s) => stateNames[s]);
    return {
      ok: false,
      refusal: {
        kind: 'state',
        zh: `${now.zh}的直播不能再${name.zh}：只有${allowed.map((s) => s.zh).join('、')}的直播可以${name.zh}。`,
        en: `A broadcast that is ${now.en} cannot be ${name.en}: only one ${allowed.map((s) => s.en).join(' or ')} can.`,
      },
    };
  }
  return { ok: true, state: line.to };
}

/** The actions `actor` may take on a broadcast in `state` (the page shows just these buttons). */
export const broadcastActionsFor = (state: BroadcastState, actor: BroadcastActor): BroadcastAction[] =>
  broadcastActions.filter((action) => nextBroadcastState(state, action, actor).ok);

/** Who watches: the public (anyone, signed in or not), and/or schools and classrooms of the bureau. */
export const broadcastAudienceSchema = z
  .object({
    public: z.boolean(),
    schoolIds: z.array(idSchema).max(200),
    classroomIds: z.array(idSchema).max(200),
  })
  .refine((a) => a.public || a.schoolIds.length > 0 || a.classroomIds.length > 0, { message: 'name an audience: the public, schools or classrooms' });
export type BroadcastAudience = z.infer<typeof broadcastAudienceSchema>;

/** 申请直播: what the teacher fills in. Times are ms since the epoch. */
export const newBroadcastSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    subject: z.string().trim().max(64).optional(),
    grade: z.string().trim().max(64).optional(),
    /** Her classroom the broadcast is taught from. */
    hostClassroomId: idSchema,
    startsAt: z.number().int().positive(),
    endsAt: z.number().int().positive(),
    audience: broadcastAudienceSchema,
    expectedViewers: z.number().int().min(0).max(10_000_000),
  })
  .refine((b) => b.endsAt > b.startsAt, { message: 'the end is after the start', path: ['endsAt'] });
export type NewBroadcast = z.infer<typeof newBroadcastSchema>;

/** 驳回: a reason is required, so the teacher knows what to change. */
export const rejectBroadcastSchema = z.object({ reason: z.string().trim().min(1).max(1000) });
/** 排期: the bureau may move the time; none given keeps the applied time. */
export const scheduleBroadcastSchema = z
  .object({ startsAt: z.number().int().positive().optional(), endsAt: z.number().int().positive().optional() })
  .refine((b) => b.startsAt === undefined || b.endsAt === undefined || b.endsAt > b.startsAt, { message: 'the end is after the start', path: ['endsAt'] });
/** 取消: why, for the teacher. */
export const cancelBroadcastSchema = z.object({ reason: z.string().trim().min(1).max(1000) });

export const broadcastSchema = z.object({
  id: z.string(),
  bureauId: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  hostClassroomId: z.string(),
  teacherAccountId: z.string(),
  teacherName: z.string(),
  title: z.string(),
  subject: z.string().nullable(),
  grade: z.string().nullable(),
  startsAt: z.number(),
  endsAt: z.number(),
  audience: z.object({ public: z.boolean(), schoolIds: z.array(z.string()), classroomIds: z.array(z.string()) }),
  expectedViewers: z.number(),
  state: z.enum(broadcastStates),
  /** The bureau's reason of a rejection or cancellation. */
  reason: z.string().nullable(),
  /** The lesson it runs as, once scheduled. */
  lessonId: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Broadcast = z.infer<typeof broadcastSchema>;

/** What the public sees of a broadcast: never its rehearsal, never who reviewed it. */
export const publicBroadcastSchema = broadcastSchema.pick({ id: true, title: true, subject: true, grade: true, teacherName: true, schoolName: true, startsAt: true, endsAt: true }).extend({
  state: z.enum(['scheduled', 'live']),
});
export type PublicBroadcast = z.infer<typeof publicBroadcastSchema>;
