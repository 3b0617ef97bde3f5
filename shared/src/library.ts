import { z } from 'zod';
import { directingChoiceSchema } from './stage.js';

/*
 * 资源库 (the library) and 微课 (micro-lessons): what the library page asks
 * and what the server answers. Who sees which recording follows the
 * permission table's `recording.view`; a clip is seen by whoever sees its
 * recording. Times on a recording's timeline are ms from its start, the
 * directed view's time zero.
 */

const filterText = z.string().trim().min(1).max(64).optional();

/** The library's search: every filter optional; `q` matches the title. Dates are server ms (a day's start and end). */
export const libraryQuerySchema = z
  .object({
    subject: filterText,
    grade: filterText,
    /** A teacher's account id, or part of a teacher's name. */
    teacher: filterText,
    /** A school id: lessons it hosted or took part in. */
    school: filterText,
    from: z.coerce.number().int().nonnegative().optional(),
    to: z.coerce.number().int().nonnegative().optional(),
    q: filterText,
  })
  .strict();
export type LibraryQuery = z.infer<typeof libraryQuerySchema>;

/** The directed view (one MP4 that follows the stage): not made yet, being made (with progress), ready, or failed. */
export const directedViewSchema = z.object({
  status: z.enum(['none', 'waiting', 'making', 'ready', 'failed']),
  /** 0..1 while making; null otherwise or when the job does not say. */
  progress: z.number().min(0).max(1).nullable(),
  /** Seconds left while making, when the job says. */
  secondsLeft: z.number().nullable(),
});
export type DirectedViewState = z.infer<typeof directedViewSchema>;

/** A school as the library names it. */
const namedSchool = z.object({ id: z.string(), name: z.string() });

/** One recorded lesson in the library's list. */
export const libraryRecordingSchema = z.object({
  kind: z.literal('recording'),
  id: z.string(),
  lessonId: z.string(),
  title: z.string(),
  subject: z.string().nullable(),
  grade: z.string().nullable(),
  teacherAccountId: z.string().nullable(),
  teacherName: z.string(),
  bureauId: z.string(),
  hostSchoolId: z.string(),
  /** Every school of the lesson, host first. */
  schools: z.array(namedSchool),
  startedAt: z.number(),
  durationMs: z.number(),
  sizeBytes: z.number(),
  /** `recording` while it runs; `complete` after 下课; `stopped` by the teacher or a disk alarm. */
  status: z.enum(['recording', 'complete', 'stopped']),
  directed: directedViewSchema,
  clipCount: z.number(),
});
export type LibraryRecording = z.infer<typeof libraryRecordingSchema>;

/** A micro-lesson: a stretch of one recording with its own title and description. */
export const clipSchema = z.object({
  kind: z.literal('clip'),
  id: z.string(),
  recordingId: z.string(),
  title: z.string(),
  description: z.string(),
  /** Where it was cut from the recording's directed view, ms. */
  inMs: z.number(),
  outMs: z.number(),
  /** `copy`: stream-copied (the in-point is on a key frame); `encode`: re-encoded (see README). */
  method: z.enum(['copy', 'encode']),
  status: z.enum(['making', 'ready', 'failed']),
  /** 0..1 while making. */
  progress: z.number().min(0).max(1),
  /** The clip file's duration as ffprobe reads it, once ready. */
  durationMs: z.number().nullable(),
  sizeBytes: z.number(),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.number(),
  /** Facts of its lesson, for the list. */
  subject: z.string().nullable(),
  grade: z.string().nullable(),
  teacherName: z.string(),
  bureauId: z.string(),
  hostSchoolId: z.string(),
  schools: z.array(namedSchool),
});
export type Clip = z.infer<typeof clipSchema>;

export const libraryItemSchema = z.discriminatedUnion('kind', [libraryRecordingSchema, clipSchema]);
export type LibraryItem = z.infer<typeof libraryItemSchema>;

/** What the filters can pick from: only what the asker may see. */
export const libraryFacetsSchema = z.object({
  subjects: z.array(z.string()),
  grades: z.array(z.string()),
  teachers: z.array(z.object({ id: z.string(), name: z.string() })),
  schools: z.array(namedSchool),
});
export type LibraryFacets = z.infer<typeof libraryFacetsSchema>;

export const libraryListSchema = z.object({ items: z.array(libraryItemSchema), facets: libraryFacetsSchema });
export type LibraryList = z.infer<typeof libraryListSchema>;

/**
 * A chapter on the timeline: a layout the teacher (or automatic directing)
 * put on the stage, or a classroom given or losing the floor. Labels are
 * made on the page, in its language, from these facts.
 */
export const chapterSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), atMs: z.number() }),
  z.object({ kind: z.literal('layout'), atMs: z.number(), choice: directingChoiceSchema, mainName: z.string().nullable() }),
  z.object({ kind: z.literal('floorGranted'), atMs: z.number(), names: z.array(z.string()) }),
  z.object({ kind: z.literal('floorReturned'), atMs: z.number(), names: z.array(z.string()) }),
  z.object({ kind: z.literal('discussion'), atMs: z.number(), on: z.boolean() }),
]);
export type Chapter = z.infer<typeof chapterSchema>;

/** One recording with its chapters and its micro-lessons, for the player. */
export const recordingDetailSchema = z.object({
  recording: libraryRecordingSchema,
  chapters: z.array(chapterSchema),
  clips: z.array(clipSchema),
  /** Whether the asker may cut micro-lessons from it (`recording.clip`). */
  mayClip: z.boolean(),
});
export type RecordingDetail = z.infer<typeof recordingDetailSchema>;

/** A media address a <video> element can open by itself: scoped to one file, short-lived (see README, 资源库). */
export const mediaUrlSchema = z.object({ url: z.string(), expiresAt: z.number() });
export type MediaUrl = z.infer<typeof mediaUrlSchema>;

/** A micro-lesson to cut: in and out on the recording's timeline (ms), at least 1 s and at most an hour long. */
export const newClipSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).default(''),
    inMs: z.number().int().nonnegative(),
    outMs: z.number().int().positive(),
  })
  .strict()
  .refine((c) => c.outMs - c.inMs >= 1000, { message: 'the out-point must be at least 1 s after the in-point' })
  .refine((c) => c.outMs - c.inMs <= 3_600_000, { message: 'a micro-lesson is at most an hour long' });
export type NewClip = z.infer<typeof newClipSchema>;
