import { z } from 'zod';
import { lessonStatusSchema, roleSchema, type LessonView, type Participant } from './lesson.js';
import { viewerQuestionSchema } from './questions.js';
import type { ChatMessage, FloorState, MainView, RaisedHand } from './interaction.js';
import { audioSources, mediaKindSchema, mediaSourceSchema, type PublishedTrack } from './media.js';
import { directingChoiceSchema, sourceRefSchema, type Stage } from './stage.js';
import { precheckRecordSchema } from './precheck.js';
import { qualityReportSchema, uplinkStateSchema } from './quality.js';
import { lessonCommentSchema } from './comments.js';
import { latencyMeasurementSchema } from './latency.js';
import { recordingViewSchema } from './recording.js';

/*
 * Every server → client message is one member of this union, sent on the
 * Socket.IO event `notice`. The client parses them with the same schema, so a
 * server/client version mismatch shows up as a logged parse error, not as
 * undefined fields in the UI.
 */

export const participantSchema = z.object({
  id: z.string(),
  role: roleSchema,
  classroomId: z.string().nullable(),
  name: z.string(),
  schoolName: z.string(),
  joinedAt: z.number(),
}) satisfies z.ZodType<Participant>;

export const publishedTrackSchema = z.object({
  producerId: z.string(),
  participantId: z.string(),
  kind: mediaKindSchema,
  source: mediaSourceSchema,
  paused: z.boolean(),
}) satisfies z.ZodType<PublishedTrack>;

export const lessonViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  teacherName: z.string(),
  status: lessonStatusSchema,
}) satisfies z.ZodType<LessonView>;

export const raisedHandSchema = z.object({
  participantId: z.string(),
  schoolName: z.string(),
  classroomName: z.string(),
  studentName: z.string(),
  raisedAt: z.number(),
}) satisfies z.ZodType<RaisedHand>;

export const floorStateSchema = z.object({
  mode: z.enum(['lecture', 'discussion']),
  holders: z.array(z.string()),
  muted: z.array(z.string()),
  maxHolders: z.number(),
}) satisfies z.ZodType<FloorState>;

export const mainViewSchema = z.object({
  participantId: z.string(),
  reason: z.enum(['teacher', 'floor', 'speaker', 'pinned']),
  pinned: z.boolean(),
  microphone: z.enum(audioSources).nullable(),
}) satisfies z.ZodType<MainView>;

export const stageSchema = z.object({
  directing: z.object({ choice: directingChoiceSchema, main: sourceRefSchema.nullable(), inset: sourceRefSchema.nullable() }),
  layout: z.enum(['single', 'pip', 'sideBySide', 'grid']),
  main: sourceRefSchema.nullable(),
  inset: sourceRefSchema.nullable(),
  changedAt: z.number(),
}) satisfies z.ZodType<Stage>;

const chatMessageSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  senderName: z.string(),
  text: z.string(),
  sentAt: z.number(),
}) satisfies z.ZodType<ChatMessage>;

export const serverNoticeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('participantJoined'), participant: participantSchema }),
  z.object({ type: z.literal('participantLeft'), participantId: z.string() }),
  /** A participant's connection dropped (its place is kept, 正在重新连接…) or it came back. */
  z.object({ type: z.literal('participantConnection'), participantId: z.string(), reconnecting: z.boolean() }),
  /** To the teacher: how many viewers (观众) watch now; at most one a second however many join or leave. */
  z.object({ type: z.literal('viewersChanged'), viewers: z.number().int().min(0) }),
  z.object({ type: z.literal('trackPublished'), track: publishedTrackSchema }),
  z.object({ type: z.literal('trackPaused'), producerId: z.string(), paused: z.boolean() }),
  z.object({ type: z.literal('trackClosed'), producerId: z.string() }),
  /** The server closed one of this client's consumers (its producer went away). */
  z.object({ type: z.literal('consumerClosed'), consumerId: z.string() }),
  /** Encode this camera's simulcast layers up to this one only: nobody shows it larger (see server features/media/sendLayers). */
  z.object({ type: z.literal('sendLayers'), producerId: z.string(), maxSpatialLayer: z.number().int().min(0).max(2) }),
  z.object({ type: z.literal('lessonChanged'), lesson: lessonViewSchema }),
  z.object({ type: z.literal('handsChanged'), hands: z.array(raisedHandSchema) }),
  z.object({ type: z.literal('floorChanged'), floor: floorStateSchema }),
  z.object({ type: z.literal('mainViewChanged'), mainView: mainViewSchema }),
  /** What every classroom screen shows changed (layout or pictures). */
  z.object({ type: z.literal('stageChanged'), stage: stageSchema }),
  /** Who is speaking now (audio above the threshold), for the 正在发言 indicator. */
  z.object({ type: z.literal('speakingChanged'), speaking: z.array(z.string()) }),
  z.object({ type: z.literal('chatMessage'), message: chatMessageSchema }),
  z.object({ type: z.literal('chatSettings'), enabled: z.boolean() }),
  /** To the teacher only: a viewer asked a question (观众提问); nobody else sees it until she shows it. */
  z.object({ type: z.literal('questionAsked'), question: viewerQuestionSchema }),
  /** To the teacher only: a waiting question left the list (shown or dismissed, perhaps from her other page). */
  z.object({ type: z.literal('questionRemoved'), questionId: z.string() }),
  /** To everyone: the question now on every screen (null: none), as the teacher chose it. */
  z.object({ type: z.literal('questionShown'), question: viewerQuestionSchema.nullable() }),
  /** To everyone: viewers may (or may no longer) ask. */
  z.object({ type: z.literal('questionsSettings'), open: z.boolean() }),
  /** The media server under this lesson restarted: drop every transport and join again. */
  z.object({ type: z.literal('mediaRestart'), reason: z.string() }),
  /** The lesson's media server died and none can be started yet; the server keeps trying (mediaRestart follows). */
  z.object({ type: z.literal('mediaUnavailable'), reason: z.string() }),
  /** To every connection: live state (Redis) went away or came back; while away, requests answer UNAVAILABLE. */
  z.object({ type: z.literal('liveStateChanged'), available: z.boolean() }),
  /** The same person or terminal joined from another page or device; this page stops. */
  z.object({ type: z.literal('replaced') }),
  /**
   * This page's session ended: its terminal or guest link was revoked, the account disabled, its password
   * changed, or it signed out elsewhere. The connection closes after this; the page stops and says why.
   */
  z.object({ type: z.literal('signedOut'), reason: z.enum(['revoked', 'disabled', 'passwordChanged', 'signedOut']) }),
  /** To the teacher only: a classroom finished its pre-class check (课前检测). */
  z.object({ type: z.literal('precheckResult'), record: precheckRecordSchema }),
  /** To the teacher only: a classroom's latest receive statistics (rate-limited per classroom). */
  z.object({ type: z.literal('qualityReport'), report: qualityReportSchema }),
  /** To the teacher only: the SFU limited (or stopped limiting) what it forwards of one sender's uplink (上行保护). */
  z.object({ type: z.literal('uplinkGuard'), state: uplinkStateSchema }),
  /** To the teacher only, when she chose to read comments during the lesson (评课意见). */
  z.object({ type: z.literal('commentAdded'), comment: lessonCommentSchema }),
  /** The teacher started a latency probe (延迟检测): show the pattern and play tones from `startsAt`. */
  z.object({
    type: z.literal('latencyProbe'),
    probe: z.object({ probeId: z.string(), startsAt: z.number(), durationMs: z.number(), microphonesOpenUntil: z.number() }),
  }),
  /** The lesson's recording started or stopped (录制中), or was stopped by a disk alarm. */
  z.object({ type: z.literal('recordingChanged'), recording: recordingViewSchema }),
  /** To the teacher: what one page measured in the probe. */
  z.object({
    type: z.literal('latencyReport'),
    probeId: z.string(),
    reporterId: z.string(),
    measurements: z.array(latencyMeasurementSchema),
  }),
]);

export type ServerNotice = z.infer<typeof serverNoticeSchema>;
export type NoticeOf<T extends ServerNotice['type']> = Extract<ServerNotice, { type: T }>;
