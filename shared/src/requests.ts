import { z } from 'zod';
import { idSchema, keySchema, roleSchema, type LessonView, type Participant } from './lesson.js';
import {
  dtlsParametersSchema,
  mediaKindSchema,
  mediaSourceSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  spatialLayerSchema,
  type ConsumerOptions,
  type PublishedTrack,
  type TransportOptions,
} from './media.js';
import type { RtpCapabilities } from 'mediasoup-client/types';

/*
 * Every client → server message is one member of this union, sent on the
 * Socket.IO event `request` with an acknowledgement. `.strict()` makes an
 * unexpected field an error instead of something silently ignored.
 */

export const joinLessonRequest = z
  .object({
    type: z.literal('joinLesson'),
    lessonId: idSchema,
    role: roleSchema,
    /** Required for role `classroom`. */
    classroomId: idSchema.optional(),
    key: keySchema,
  })
  .strict();

/** Sent once after the client loaded its Device: what it can receive. */
export const declareCapabilitiesRequest = z
  .object({ type: z.literal('declareCapabilities'), rtpCapabilities: rtpCapabilitiesSchema })
  .strict();

export const createTransportRequest = z
  .object({ type: z.literal('createTransport'), direction: z.enum(['send', 'recv']) })
  .strict();

export const connectTransportRequest = z
  .object({ type: z.literal('connectTransport'), transportId: z.string().uuid(), dtlsParameters: dtlsParametersSchema })
  .strict();

export const produceRequest = z
  .object({
    type: z.literal('produce'),
    transportId: z.string().uuid(),
    kind: mediaKindSchema,
    source: mediaSourceSchema,
    rtpParameters: rtpParametersSchema,
  })
  .strict();

export const closeProducerRequest = z
  .object({ type: z.literal('closeProducer'), producerId: z.string().uuid() })
  .strict();

export const setProducerPausedRequest = z
  .object({ type: z.literal('setProducerPaused'), producerId: z.string().uuid(), paused: z.boolean() })
  .strict();

export const consumeRequest = z
  .object({
    type: z.literal('consume'),
    producerId: z.string().uuid(),
    /** Layer to start with: the tile it lands in decides (main view: top, tile: lowest). */
    spatialLayer: spatialLayerSchema.optional(),
  })
  .strict();

export const resumeConsumerRequest = z
  .object({ type: z.literal('resumeConsumer'), consumerId: z.string().uuid() })
  .strict();

export const setConsumerLayerRequest = z
  .object({ type: z.literal('setConsumerLayer'), consumerId: z.string().uuid(), spatialLayer: spatialLayerSchema })
  .strict();

export const setLessonStatusRequest = z
  .object({ type: z.literal('setLessonStatus'), status: z.enum(['live', 'ended']) })
  .strict();

export const leaveLessonRequest = z.object({ type: z.literal('leaveLesson') }).strict();

export const clientRequestSchema = z.discriminatedUnion('type', [
  joinLessonRequest,
  declareCapabilitiesRequest,
  createTransportRequest,
  connectTransportRequest,
  produceRequest,
  closeProducerRequest,
  setProducerPausedRequest,
  consumeRequest,
  resumeConsumerRequest,
  setConsumerLayerRequest,
  setLessonStatusRequest,
  leaveLessonRequest,
]);

export type ClientRequest = z.infer<typeof clientRequestSchema>;
export type RequestType = ClientRequest['type'];
export type RequestOf<T extends RequestType> = Extract<ClientRequest, { type: T }>;

/** What the server hands back to a participant that joined. */
export interface JoinedLesson {
  self: Participant;
  lesson: LessonView;
  routerRtpCapabilities: RtpCapabilities;
  participants: Participant[];
  tracks: PublishedTrack[];
}

/** The `data` of a successful reply, per request type. */
export interface ResponseMap {
  joinLesson: JoinedLesson;
  declareCapabilities: Record<string, never>;
  createTransport: TransportOptions;
  connectTransport: Record<string, never>;
  produce: { producerId: string };
  closeProducer: Record<string, never>;
  setProducerPaused: Record<string, never>;
  consume: ConsumerOptions;
  resumeConsumer: Record<string, never>;
  setConsumerLayer: Record<string, never>;
  setLessonStatus: LessonView;
  leaveLesson: Record<string, never>;
}

/** Largest request a legitimate client sends (an SDP-sized rtpParameters is ~4 KB). */
export const MAX_REQUEST_BYTES = 64 * 1024;
