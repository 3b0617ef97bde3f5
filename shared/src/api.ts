import { z } from 'zod';
import { ErrorCode } from './errors.js';
import type { FloorState, RaisedHand } from './interaction.js';
import { idSchema, lessonStatusSchema, roleSchema, type Participant } from './lesson.js';
import { mediaKindSchema, mediaSourceSchema } from './media.js';
import { videoPlaceSchema } from './stage.js';

/*
 * The lesson-management API (`/api/lessons`, bearer ADMIN_TOKEN): what the
 * bureau's scheduling sends and reads. The server parses requests with these
 * schemas; tests and the bench parse its replies with them.
 */

/** POST /api/lessons: a lesson pairing the host classroom with receiving classrooms. */
export const newLessonSchema = z
  .object({
    id: idSchema,
    title: z.string().min(1).max(200),
    teacherName: z.string().min(1).max(200),
    hostClassroomId: idSchema,
    classroomIds: z.array(idSchema).min(1).max(50),
  })
  .strict();
export type NewLesson = z.infer<typeof newLessonSchema>;

/** POST /api/lessons (201) and GET /api/lessons/:id/links: one link for the teacher, one per paired classroom. */
export const lessonLinksSchema = z.object({
  lessonId: z.string(),
  title: z.string(),
  teacher: z.url(),
  classrooms: z.array(z.object({ classroomId: z.string(), name: z.string(), url: z.url() })),
});
export type LessonLinks = z.infer<typeof lessonLinksSchema>;

const participantSchema: z.ZodType<Participant> = z.object({
  id: z.string(),
  role: roleSchema,
  classroomId: z.string().nullable(),
  name: z.string(),
  schoolName: z.string(),
  joinedAt: z.number(),
});

const raisedHandSchema: z.ZodType<RaisedHand> = z.object({
  participantId: z.string(),
  schoolName: z.string(),
  classroomName: z.string(),
  studentName: z.string(),
  raisedAt: z.number(),
});

const floorStateSchema: z.ZodType<FloorState> = z.object({
  mode: z.enum(['lecture', 'discussion']),
  holders: z.array(z.string()),
  muted: z.array(z.string()),
  maxHolders: z.number(),
});

/** GET /api/lessons/:id/live: the lesson's live state as Redis holds it (巡课, tests). */
export const liveLessonSchema = z.object({
  status: lessonStatusSchema,
  participants: z.array(participantSchema),
  hands: z.array(raisedHandSchema),
  floor: floorStateSchema,
});
export type LiveLesson = z.infer<typeof liveLessonSchema>;

/** One consumer in the media view: whose track, where its receiver shows it, the layer asked for and the one forwarded. */
export const consumerViewSchema = z.object({
  producerId: z.string(),
  from: z.string().nullable(),
  source: mediaSourceSchema.nullable(),
  kind: mediaKindSchema,
  /** Where the receiver shows it; null for audio. */
  place: videoPlaceSchema.nullable(),
  paused: z.boolean(),
  preferredSpatialLayer: z.number().nullable(),
  currentSpatialLayer: z.number().nullable(),
  currentTemporalLayer: z.number().nullable(),
});
export type ConsumerView = z.infer<typeof consumerViewSchema>;

/** One receiver in the media view: the SFU's downlink estimate towards it (null before it has one) and its consumers. */
export const receiverViewSchema = z.object({
  participantId: z.string(),
  downlinkEstimateKbps: z.number().nullable(),
  consumers: z.array(consumerViewSchema),
});
export type ReceiverView = z.infer<typeof receiverViewSchema>;

/** GET /api/lessons/:id/media: what each receiver of a live lesson gets (server truth). */
export const mediaViewSchema = z.object({ receivers: z.array(receiverViewSchema) });
export type MediaView = z.infer<typeof mediaViewSchema>;

/** The API's reply around `data`, the same shape as every signalling reply. */
export const apiReplySchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: z.object({ code: z.enum(ErrorCode), message: z.string() }) }),
  ]);
