import { z } from 'zod';
import { lessonCommentSchema } from './comments.js';
import type { LessonParticipation } from './participation.js';
import { criterionSchema } from './rubric.js';

/*
 * 评课报告: one lesson's scores (when it was scored), its comments in lesson
 * order, and what the lesson itself measured about who took part. Scorers
 * are not named in the report: critique among colleagues is franker when
 * the teacher cannot see who gave which score.
 */

const spreadSchema = z.object({ stdev: z.number(), min: z.number(), max: z.number() }).nullable();

const kind = z.enum(['support', 'receiving']);
const share = z.object({ floorMs: z.number(), talkMs: z.number(), turns: z.number() });

export const lessonParticipationSchema = z.object({
  lessonId: z.string(),
  liveMs: z.number(),
  discussionMs: z.number(),
  teacherTalkMs: z.number(),
  studentTalkMs: z.number(),
  teacherMainViewMs: z.number(),
  classrooms: z.array(
    z.object({
      participantId: z.string(),
      classroomId: z.string(),
      classroomName: z.string(),
      schoolId: z.string(),
      schoolName: z.string(),
      schoolKind: kind,
      host: z.boolean(),
      presentMs: z.number(),
      floorMs: z.number(),
      turns: z.number(),
      handsRaised: z.number(),
      handsAnswered: z.number(),
      handWaitsMs: z.array(z.number()),
      talkMs: z.number(),
      mainViewMs: z.number(),
    }),
  ),
  schools: z.array(
    z.object({
      schoolId: z.string(),
      schoolName: z.string(),
      schoolKind: kind,
      floorMs: z.number(),
      turns: z.number(),
      handsRaised: z.number(),
      handsAnswered: z.number(),
      meanHandWaitMs: z.number().nullable(),
      talkMs: z.number(),
    }),
  ),
  share: z.object({ support: share, receiving: share }),
}) satisfies z.ZodType<LessonParticipation>;

export const reportScoresSchema = z.object({
  rubricName: z.string(),
  open: z.boolean(),
  closesAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  criteria: z.array(
    criterionSchema.safeExtend({
      count: z.number(),
      mean: z.number().nullable(),
      meanPercent: z.number().nullable(),
      spread: spreadSchema,
    }),
  ),
  total: z.number().nullable(),
  spread: spreadSchema,
  scorers: z.number(),
  /**
   * Every scorer's sheet, unnamed (评委 1, 2 …) and ordered by total, highest first, so neither names nor the order
   * of scoring tell the teacher who gave what. A criterion left out is absent from `scores`.
   */
  sheets: z.array(z.object({ scores: z.record(z.string(), z.number()), total: z.number().nullable() })),
});
export type ReportScores = z.infer<typeof reportScoresSchema>;

export const lessonReportSchema = z.object({
  lessonId: z.string(),
  title: z.string(),
  teacherName: z.string(),
  hostSchoolName: z.string(),
  subject: z.string().nullable(),
  grade: z.string().nullable(),
  /** The first 开始上课 and the last 下课 (null: never taught / still live). */
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** Null: the lesson was never put up for scoring. */
  scores: reportScoresSchema.nullable(),
  comments: z.array(lessonCommentSchema),
  participation: lessonParticipationSchema,
});
export type LessonReport = z.infer<typeof lessonReportSchema>;

/** 优课评选: the ranking's query (every filter optional). */
export const rankingQuerySchema = z
  .object({
    subject: z.string().trim().min(1).max(64).optional(),
    grade: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

export const rankingEntrySchema = z.object({
  lessonId: z.string(),
  title: z.string(),
  teacherName: z.string(),
  hostSchoolName: z.string(),
  /** Its host school and its classrooms' schools. */
  schoolIds: z.array(z.string()),
  subject: z.string().nullable(),
  grade: z.string().nullable(),
  total: z.number().nullable(),
  scorers: z.number(),
  open: z.boolean(),
  rank: z.number().nullable(),
  tied: z.boolean(),
});
export type RankingEntry = z.infer<typeof rankingEntrySchema>;

/** One group of the ranking: a subject and grade (null: not given on the lesson). */
export const rankingGroupSchema = z.object({
  subject: z.string().nullable(),
  grade: z.string().nullable(),
  minScorers: z.number(),
  lessons: z.array(rankingEntrySchema),
});
export type RankingGroup = z.infer<typeof rankingGroupSchema>;
