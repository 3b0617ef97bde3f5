import { z } from 'zod';

/*
 * 教学考评: a rubric (评课量表) of weighted criteria, each with its own scale
 * and descriptors, defined by a school or a bureau. An admin opens scoring of
 * a lesson against one rubric; the criteria are copied into the lesson's
 * scoring then, so editing the rubric later never changes a lesson already
 * being scored. Each scorer scores a lesson once, and may change it until
 * the scoring closes.
 */

export const MAX_CRITERIA = 12;

/** What one level of a criterion's scale means (e.g. 9 分: 目标明确，重难点突出). */
export const descriptorSchema = z.object({ score: z.number().min(0).max(100), text: z.string().trim().min(1).max(200) }).strict();

export const criterionSchema = z
  .object({
    /** Stable within the rubric: scores refer to it. */
    id: z.string().regex(/^[a-z0-9-]{1,32}$/),
    name: z.string().trim().min(1).max(60),
    /** Percent; a rubric's weights add up to 100. */
    weight: z.number().int().min(1).max(100),
    /** The scale: whole or half points from `min` to `max`. */
    min: z.number().int().min(0).max(99),
    max: z.number().int().min(1).max(100),
    descriptors: z.array(descriptorSchema).max(10),
  })
  .strict()
  .refine((c) => c.max > c.min, { message: 'the scale needs max above min' })
  .refine((c) => c.descriptors.every((d) => d.score >= c.min && d.score <= c.max), { message: 'a descriptor lies outside the scale' });
export type RubricCriterion = z.infer<typeof criterionSchema>;

export const criteriaSchema = z
  .array(criterionSchema)
  .min(1)
  .max(MAX_CRITERIA)
  .refine((list) => new Set(list.map((c) => c.id)).size === list.length, { message: 'two criteria share an id' })
  .refine((list) => list.reduce((sum, c) => sum + c.weight, 0) === 100, { message: 'the weights must add up to 100 %' });

/** A new or edited rubric: a bureau's (no school) or one school's. */
export const rubricDraftSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    schoolId: z.string().min(1).max(64).nullable(),
    criteria: criteriaSchema,
  })
  .strict();
export type RubricDraft = z.infer<typeof rubricDraftSchema>;

export const rubricSchema = z.object({
  id: z.string(),
  name: z.string(),
  bureauId: z.string(),
  schoolId: z.string().nullable(),
  criteria: z.array(criterionSchema),
  createdAt: z.number(),
  /** Lessons scored (or being scored) with it. */
  lessonsScored: z.number(),
});
export type Rubric = z.infer<typeof rubricSchema>;

/** Opening a lesson's scoring against a rubric, optionally closing by itself at a time. */
export const openScoringSchema = z.object({ rubricId: z.string().min(1).max(64), closesAt: z.number().int().positive().nullable().optional() }).strict();
export type OpenScoring = z.infer<typeof openScoringSchema>;

/** One scorer's sheet: a score per criterion id; a criterion left out is missing, not zero. */
export const scoreSheetSchema = z
  .object({
    scores: z.record(z.string().regex(/^[a-z0-9-]{1,32}$/), z.number().min(0).max(100)),
  })
  .strict();
export type ScoreSheet = z.infer<typeof scoreSheetSchema>;

/** A lesson's scoring as a scorer sees it: the criteria, whether it is open, and their own sheet. */
export const lessonScoringSchema = z.object({
  lessonId: z.string(),
  title: z.string(),
  teacherName: z.string(),
  rubricName: z.string(),
  criteria: z.array(criterionSchema),
  open: z.boolean(),
  closesAt: z.number().nullable(),
  /** Whether the one asking may score it (not the lesson's own teacher; scoring open). */
  mayScore: z.boolean(),
  mine: scoreSheetSchema.extend({ updatedAt: z.number() }).nullable(),
  scorers: z.number(),
});
export type LessonScoring = z.infer<typeof lessonScoringSchema>;
