import { z } from 'zod';
import { calendarDateSchema, lessonFormSchema } from './timetable.js';

/*
 * 数据看板: a bureau's (or one school's) week of paired lessons, for its
 * admins — how many lessons were scheduled and held, which did not happen,
 * who took part, and how the network went. Days and weeks are those of the
 * school time zone (SCHOOL_TIME_ZONE); a week runs Monday to Sunday. Every
 * figure names its lessons, so a chart drills down to a lesson's report.
 */

/** `week`: any day of the week wanted (default: this week); `schoolId`: one school of the bureau only. */
export const dashboardQuerySchema = z.object({
  week: calendarDateSchema.optional(),
  schoolId: z.string().min(1).max(64).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** Scheduled: every lesson of the stretch (held or not); held: those that went live (开始上课). */
const heldCountSchema = z.object({ scheduled: z.number().int(), held: z.number().int() });

/** One lesson of the week, as the charts' drill-down lists it. */
export const dashboardLessonSchema = z.object({
  lessonId: z.string(),
  title: z.string(),
  teacherName: z.string(),
  /** null on the lesson (made by hand) reads as 同步课堂. */
  form: lessonFormSchema,
  /** Its day in the school time zone: its start, or its first 开始上课 without a start time. */
  day: calendarDateSchema,
  startsAt: z.number().nullable(),
  endsAt: z.number().nullable(),
  hostSchoolId: z.string(),
  /** The host school first, then the paired classrooms' schools. */
  schoolIds: z.array(z.string()),
  held: z.boolean(),
  /** Paired (it has classrooms besides the host's), its end passed, never live. */
  missed: z.boolean(),
});
export type DashboardLesson = z.infer<typeof dashboardLessonSchema>;

const schoolRefSchema = z.object({ schoolId: z.string(), schoolName: z.string(), schoolKind: z.enum(['support', 'receiving']) });

/** 课堂参与 of one school over the week's held lessons: the sum of its classrooms' figures. */
export const schoolWeekParticipationSchema = schoolRefSchema.extend({
  /** Its classrooms' places in the held lessons, and how many of them were present at some live moment. */
  classroomsExpected: z.number().int(),
  classroomsPresent: z.number().int(),
  handsRaised: z.number().int(),
  handsAnswered: z.number().int(),
  floorMs: z.number(),
  lessonIds: z.array(z.string()),
});

/** 质量 of one day: check verdicts, latency checks, freezes per lesson. */
export const dayQualitySchema = z.object({
  day: calendarDateSchema,
  /** 课前检测 verdicts (a classroom's last of each lesson). */
  prechecks: z.object({ ready: z.number().int(), limited: z.number().int(), blocked: z.number().int() }),
  /** 延迟检测: how many summaries came, and the median of their video one-way p50 (ms); null without one. */
  latencyChecks: z.number().int(),
  videoLatencyMedianMs: z.number().nullable(),
  /** Freezes the receivers reported, per held lesson of the day (0 for a lesson without any). */
  freezes: z.array(z.object({ lessonId: z.string(), count: z.number().int() })),
  lessonIds: z.array(z.string()),
});

export const dashboardSchema = z.object({
  timeZone: z.string(),
  today: calendarDateSchema,
  /** Monday of the week shown; `days` its seven days. */
  weekStart: calendarDateSchema,
  days: z.array(calendarDateSchema),
  /** The schools the figures cover (the bureau's, or the one school). */
  schools: z.array(schoolRefSchema),
  lessons: z.array(dashboardLessonSchema),
  byForm: z.array(z.object({ form: lessonFormSchema, today: heldCountSchema, week: heldCountSchema })),
  bySchool: z.array(schoolRefSchema.extend({ today: heldCountSchema, week: heldCountSchema })),
  participation: z.array(schoolWeekParticipationSchema),
  quality: z.array(dayQualitySchema),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
