import { z } from 'zod';
import { idSchema, roleSchema, type LessonView, type Participant } from './lesson.js';
import {
  dtlsParametersSchema,
  mediaKindSchema,
  mediaSourceSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  type ConsumerOptions,
  type IceServer,
  type PublishedTrack,
  type TransportOptions,
} from './media.js';
import type { IceParameters, RtpCapabilities } from 'mediasoup-client/types';
import {
  chatTextSchema,
  studentNameSchema,
  type ChatMessage,
  type FloorState,
  type InteractionView,
  type MainView,
  type RaisedHand,
} from './interaction.js';
import { precheckReportSchema, startPrecheckRequest, type PrecheckMeasurement, type PrecheckRecord } from './precheck.js';
import { reportQualityRequest, type QualityReport, type UplinkState } from './quality.js';
import { deviceMappingSchema, directingChoiceSchema, sourceRefSchema, videoPlaceSchema, type DeviceMapping, type Stage } from './stage.js';
import { latencyMeasurementSchema, MAX_LATENCY_ROWS, PROBE_MAX_SECONDS, type LatencyProbe } from './latency.js';
import { setRecordingRequest, type RecordingView } from './recording.js';
import { addCommentRequest, setCommentsLiveRequest, type LessonComment } from './comments.js';
import { questionTextSchema, type ViewerQuestion } from './questions.js';

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
    /** Required for role `classroom`. Who may join as what is the session's (see permissions.ts), never a key. */
    classroomId: idSchema.optional(),
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
    /** Where it will be shown, which decides the layer to start with (or that it stays paused). */
    place: videoPlaceSchema.optional(),
  })
  .strict();

export const resumeConsumerRequest = z
  .object({ type: z.literal('resumeConsumer'), consumerId: z.string().uuid() })
  .strict();

/** Where the receiver shows a video now; the SFU sends the layer that place needs, or pauses it when hidden. */
export const setConsumerPlaceRequest = z
  .object({ type: z.literal('setConsumerPlace'), consumerId: z.string().uuid(), place: videoPlaceSchema })
  .strict();

export const setLessonStatusRequest = z
  .object({ type: z.literal('setLessonStatus'), status: z.enum(['live', 'ended']) })
  .strict();

const participantIdSchema = z.string().min(1).max(160);

export const raiseHandRequest = z
  .object({ type: z.literal('raiseHand'), studentName: studentNameSchema.optional() })
  .strict();

/** Lowers the caller's own hand; the teacher may name any participant. */
export const lowerHandRequest = z
  .object({ type: z.literal('lowerHand'), participantId: participantIdSchema.optional() })
  .strict();

export const lowerAllHandsRequest = z.object({ type: z.literal('lowerAllHands') }).strict();

export const grantFloorRequest = z.object({ type: z.literal('grantFloor'), participantId: participantIdSchema }).strict();
export const revokeFloorRequest = z.object({ type: z.literal('revokeFloor'), participantId: participantIdSchema }).strict();
export const setDiscussionRequest = z.object({ type: z.literal('setDiscussion'), open: z.boolean() }).strict();
export const muteParticipantRequest = z
  .object({ type: z.literal('muteParticipant'), participantId: participantIdSchema, muted: z.boolean() })
  .strict();

export const sendChatRequest = z.object({ type: z.literal('sendChat'), text: chatTextSchema }).strict();
export const setChatEnabledRequest = z.object({ type: z.literal('setChatEnabled'), enabled: z.boolean() }).strict();

/** 观众提问: a viewer's question, for the teacher's eyes only until she shows it. */
export const askQuestionRequest = z.object({ type: z.literal('askQuestion'), text: questionTextSchema }).strict();
export const setQuestionsOpenRequest = z.object({ type: z.literal('setQuestionsOpen'), open: z.boolean() }).strict();
/** Puts one waiting question on every screen (null takes the shown one down). */
export const showQuestionRequest = z.object({ type: z.literal('showQuestion'), questionId: z.string().min(1).max(64).nullable() }).strict();
/** Drops a waiting question unshown. */
export const dismissQuestionRequest = z.object({ type: z.literal('dismissQuestion'), questionId: z.string().min(1).max(64) }).strict();

/** Pins the main view to a participant for everyone; null hands it back to automatic directing. */
export const pinMainViewRequest = z
  .object({ type: z.literal('pinMainView'), participantId: participantIdSchema.nullable() })
  .strict();

/** 导播: the teacher picks the layout (and optionally its pictures) for every classroom; `auto` hands it back. */
export const setDirectingRequest = z
  .object({
    type: z.literal('setDirecting'),
    choice: directingChoiceSchema,
    main: sourceRefSchema.nullable().optional(),
    inset: sourceRefSchema.nullable().optional(),
  })
  .strict();

/** Corrects which camera or microphone of this terminal is which; kept on the server for its next joins. */
export const saveDeviceMappingRequest = z
  .object({
    type: z.literal('saveDeviceMapping'),
    mapping: deviceMappingSchema.refine((mapping) => Object.keys(mapping).length <= 16, 'at most 16 devices'),
  })
  .strict();

export const leaveLessonRequest = z.object({ type: z.literal('leaveLesson') }).strict();

/**
 * 断网续传: takes back a place kept since the connection dropped (see
 * RESUME_GRACE_MS), with the token of the join reply; the media objects of
 * that place are still there. RESUME_EXPIRED when the place was not kept.
 */
export const resumeLessonRequest = z
  .object({
    type: z.literal('resumeLesson'),
    lessonId: idSchema,
    participantId: participantIdSchema,
    token: z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/),
    /** The transports the page still holds; the SFU keeps the place's media only if they are exactly its own. */
    transports: z.array(z.string().uuid()).max(2),
  })
  .strict();

/**
 * The caller's media path came back after a loss: the SFU asks for a key
 * frame of every picture the caller receives and of every picture it sends
 * to others, so they restart at once instead of when each decoder notices
 * what it missed. At most once a second per participant (a key frame costs
 * every sender a burst of bandwidth).
 */
export const pathRestoredRequest = z.object({ type: z.literal('pathRestored') }).strict();

/** New ICE credentials for one of the caller's transports (a lost path repaired without a new transport). */
export const restartIceRequest = z.object({ type: z.literal('restartIce'), transportId: z.string().uuid() }).strict();

/* 课前检测: a test transport and stream of a check session (see startPrecheck), never seen by the lesson. */
export const createPrecheckTransportRequest = z.object({ type: z.literal('createPrecheckTransport') }).strict();
export const connectPrecheckTransportRequest = z
  .object({ type: z.literal('connectPrecheckTransport'), transportId: z.string().uuid(), dtlsParameters: dtlsParametersSchema })
  .strict();
export const producePrecheckRequest = z
  .object({ type: z.literal('producePrecheck'), transportId: z.string().uuid(), kind: mediaKindSchema, rtpParameters: rtpParametersSchema })
  .strict();
/** What the SFU received of the test stream, and over which protocol each test transport connected. */
export const measurePrecheckRequest = z.object({ type: z.literal('measurePrecheck') }).strict();
/** Ends the check: the result is kept for the teacher and the test transports close. */
export const submitPrecheckRequest = z.object({ type: z.literal('submitPrecheck'), report: precheckReportSchema }).strict();
/** The teacher's quality panel after a (re)load: every classroom's latest check and receive report. */
export const getQualityOverviewRequest = z.object({ type: z.literal('getQualityOverview') }).strict();
/** 听课: the teacher opens the list of hidden observers (nobody else ever sees them). */
export const listObserversRequest = z.object({ type: z.literal('listObservers') }).strict();
/** The server's clock, for NTP-style offset estimation (latency probe). */
export const clockSyncRequest = z.object({ type: z.literal('clockSync') }).strict();

/** 延迟检测: the teacher starts a latency probe in every page of the lesson. */
export const startLatencyProbeRequest = z
  .object({ type: z.literal('startLatencyProbe'), durationS: z.number().int().min(3).max(PROBE_MAX_SECONDS).optional() })
  .strict();

/** A page's summary of what it measured in a probe; the server passes it to the teacher. */
export const reportLatencyRequest = z
  .object({ type: z.literal('reportLatency'), probeId: z.string().min(1).max(64), measurements: z.array(latencyMeasurementSchema).max(MAX_LATENCY_ROWS) })
  .strict();

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
  setConsumerPlaceRequest,
  setLessonStatusRequest,
  leaveLessonRequest,
  resumeLessonRequest,
  restartIceRequest,
  pathRestoredRequest,
  raiseHandRequest,
  lowerHandRequest,
  lowerAllHandsRequest,
  grantFloorRequest,
  revokeFloorRequest,
  setDiscussionRequest,
  muteParticipantRequest,
  sendChatRequest,
  setChatEnabledRequest,
  askQuestionRequest,
  setQuestionsOpenRequest,
  showQuestionRequest,
  dismissQuestionRequest,
  pinMainViewRequest,
  setDirectingRequest,
  saveDeviceMappingRequest,
  startPrecheckRequest,
  createPrecheckTransportRequest,
  connectPrecheckTransportRequest,
  producePrecheckRequest,
  measurePrecheckRequest,
  submitPrecheckRequest,
  reportQualityRequest,
  getQualityOverviewRequest,
  listObserversRequest,
  addCommentRequest,
  setCommentsLiveRequest,
  clockSyncRequest,
  startLatencyProbeRequest,
  reportLatencyRequest,
  setRecordingRequest,
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
  interaction: InteractionView;
  /** This terminal's corrected device mapping (empty until someone corrects it). */
  deviceMapping: DeviceMapping;
  /** Participants whose connection dropped and whose place is kept for them (正在重新连接…). */
  reconnecting: string[];
  /** Proves this page's claim to its place after a dropped connection (resumeLesson); secret to this page. */
  resumeToken: string;
  /** TURN relays for this participant's transports (empty with TURN=off). */
  iceServers: IceServer[];
  /** Whether the lesson is being recorded (录制中). */
  recording: RecordingView;
}

/** A place taken back: the lesson as a join sees it, and which of the caller's transports are still open at the SFU. */
export interface ResumedLesson extends JoinedLesson {
  keptTransports: string[];
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
  setConsumerPlace: Record<string, never>;
  setLessonStatus: LessonView;
  leaveLesson: Record<string, never>;
  resumeLesson: ResumedLesson;
  restartIce: { iceParameters: IceParameters };
  pathRestored: Record<string, never>;
  raiseHand: { hands: RaisedHand[] };
  lowerHand: { hands: RaisedHand[] };
  lowerAllHands: { hands: RaisedHand[] };
  grantFloor: FloorState;
  revokeFloor: FloorState;
  setDiscussion: FloorState;
  muteParticipant: FloorState;
  sendChat: ChatMessage;
  setChatEnabled: { enabled: boolean };
  askQuestion: ViewerQuestion;
  setQuestionsOpen: { open: boolean };
  showQuestion: { shown: ViewerQuestion | null };
  dismissQuestion: Record<string, never>;
  pinMainView: MainView;
  setDirecting: Stage;
  saveDeviceMapping: { mapping: DeviceMapping };
  startPrecheck: { routerRtpCapabilities: RtpCapabilities; classroomName: string; iceServers: IceServer[] };
  createPrecheckTransport: TransportOptions;
  connectPrecheckTransport: Record<string, never>;
  producePrecheck: { producerId: string };
  measurePrecheck: PrecheckMeasurement;
  submitPrecheck: PrecheckRecord;
  reportQuality: Record<string, never>;
  getQualityOverview: { prechecks: PrecheckRecord[]; reports: QualityReport[]; uplinks: UplinkState[] };
  listObservers: { observers: Participant[] };
  addComment: LessonComment;
  setCommentsLive: { live: boolean; comments: LessonComment[] };
  clockSync: { serverTime: number };
  startLatencyProbe: LatencyProbe;
  reportLatency: Record<string, never>;
  setRecording: RecordingView;
}

/**
 * Largest request a legitimate client sends: the largest real one is a
 * latency report of MAX_LATENCY_ROWS rows (at most ~33 KB, see requests.test.ts); an SDP-sized
 * rtpParameters is ~4 KB. Larger requests get PAYLOAD_TOO_LARGE.
 */
export const MAX_REQUEST_BYTES = 40 * 1024;
/**
 * Largest frame Socket.IO reads at all (its `maxHttpBufferSize`): a larger
 * one closes that connection before it is buffered, so nobody can make the
 * server hold megabytes per socket. Room above MAX_REQUEST_BYTES so that a
 * slightly oversized request still gets a typed reply.
 */
export const MAX_FRAME_BYTES = 48 * 1024;
/** Deepest nesting of a request: rtpParameters.codecs[].rtcpFeedback[] is the deepest real one (5). */
export const MAX_REQUEST_DEPTH = 10;
/** Deepest nesting a frame may have before Socket.IO parses it; deeper closes the connection. */
export const MAX_FRAME_DEPTH = 32;
/** Most values (objects, arrays, strings, numbers…) one request may hold. */
export const MAX_REQUEST_NODES = 4000;
