import { z } from 'zod';
import { ErrorCode } from './errors.js';
import { lessonStatusSchema } from './lesson.js';
import { mediaKindSchema, mediaSourceSchema } from './media.js';
import { floorStateSchema, mainViewSchema, participantSchema, publishedTrackSchema, raisedHandSchema, stageSchema } from './notices.js';
import { videoPlaceSchema } from './stage.js';

/*
 * The live view of a lesson (`/api/lessons/:id/live`, `/media`, `/events`),
 * for whoever may inspect it (`lesson.inspect` in permissions.ts): the
 * server builds its replies with these schemas; tests and the bench parse
 * them. Accounts, schools, terminals and lessons as planned are in
 * accounts.ts.
 */

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
  /** The media worker serving its receive transport (another than the lesson's own once that one is full); null before it has one. */
  worker: z.number().int().nullable(),
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

/**
 * GET /api/lessons/:id/events (server-sent events): the lesson's own events
 * as they happen, each with the server's time — for an inspector's screen, a
 * recorder, and tests that time what the lesson decided instead of reading
 * its log.
 */
const at = z.number();
export const lessonEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('participantjoined'), at, participant: participantSchema }),
  z.object({ event: z.literal('participantleft'), at, participant: participantSchema }),
  z.object({ event: z.literal('trackpublished'), at, track: publishedTrackSchema }),
  z.object({ event: z.literal('trackclosed'), at, track: publishedTrackSchema }),
  z.object({ event: z.literal('trackpaused'), at, track: publishedTrackSchema }),
  z.object({ event: z.literal('floorchanged'), at, floor: floorStateSchema }),
  z.object({ event: z.literal('handschanged'), at, hands: z.array(raisedHandSchema) }),
  z.object({ event: z.literal('mainviewchanged'), at, mainView: mainViewSchema }),
  z.object({ event: z.literal('speakingchanged'), at, speaking: z.array(z.string()) }),
  z.object({ event: z.literal('stagechanged'), at, stage: stageSchema }),
  z.object({ event: z.literal('statuschanged'), at, status: lessonStatusSchema }),
  z.object({ event: z.literal('ended'), at }),
  z.object({ event: z.literal('closed'), at }),
]);
export type LessonEventRecord = z.infer<typeof lessonEventSchema>;
