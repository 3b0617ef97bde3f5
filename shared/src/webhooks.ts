import { z } from 'zod';
import { broadcastSchema } from './broadcasts.js';
import { idSchema } from './lesson.js';

/*
 * 推送 (webhooks): what the platform pushes to a regional resource platform,
 * and the admin API that registers the receivers. Every event is one line of
 * `webhookEvents`: its name and the schema of its `data`. Times are ms since
 * the epoch, as everywhere in the API.
 */

const place = z.object({ id: z.string(), name: z.string() });

/** A lesson as a receiving platform catalogues it (课程信息). */
export const courseSchema = z.object({
  lessonId: z.string(),
  title: z.string(),
  /** 学科 and 年级, when the teacher gave them. */
  subject: z.string().nullable(),
  grade: z.string().nullable(),
  teacher: z.object({ accountId: z.string().nullable(), name: z.string() }),
  hostSchool: place,
  hostClassroom: place,
  /** The paired classrooms (host excluded), each with its school. */
  classrooms: z.array(place.extend({ schoolId: z.string(), schoolName: z.string() })),
  /** Every school of the lesson, host first. */
  schools: z.array(place),
  /** The planned times (null: not planned). */
  startsAt: z.number().nullable(),
  endsAt: z.number().nullable(),
});
export type Course = z.infer<typeof courseSchema>;

/** A recording whose directed view (导播画面) is ready to be played. */
export const recordingInfoSchema = z.object({
  recordingId: z.string(),
  lessonId: z.string(),
  title: z.string(),
  subject: z.string().nullable(),
  grade: z.string().nullable(),
  teacherName: z.string(),
  schoolIds: z.array(z.string()),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Of the directed view. */
  durationMs: z.number(),
  sizeBytes: z.number(),
});

/** Every event a hook can subscribe to, and its `data`. A new event is one line here and one `emit` where it happens. */
export const webhookEvents = {
  /** A lesson was created (排课). */
  'lesson.scheduled': z.object({ course: courseSchema }),
  /** 开始上课. */
  'lesson.started': z.object({ course: courseSchema, startedAt: z.number() }),
  /** 下课. */
  'lesson.ended': z.object({ course: courseSchema, startedAt: z.number().nullable(), endedAt: z.number() }),
  /** The directed view of a recording can be played (点播). `course` is null if the lesson was deleted since. */
  'recording.ready': z.object({ recording: recordingInfoSchema, course: courseSchema.nullable() }),
  /** 名师直播: a teacher applied (申请). */
  'broadcast.applied': z.object({ broadcast: broadcastSchema }),
  /** The bureau approved it (审核通过). */
  'broadcast.approved': z.object({ broadcast: broadcastSchema }),
  /** The bureau rejected it; `broadcast.reason` says why. */
  'broadcast.rejected': z.object({ broadcast: broadcastSchema }),
  /** 正式直播: it is live to its audience (never pushed for a rehearsal). */
  'broadcast.live': z.object({ broadcast: broadcastSchema }),
  /** 直播结束: its recording follows as `recording.ready` of its lesson. */
  'broadcast.ended': z.object({ broadcast: broadcastSchema }),
} as const;

export type WebhookEvent = keyof typeof webhookEvents;
export const webhookEventNames = Object.keys(webhookEvents) as [WebhookEvent, ...WebhookEvent[]];
export const webhookEventSchema = z.enum(webhookEventNames);
export type WebhookData<E extends WebhookEvent> = z.infer<(typeof webhookEvents)[E]>;

/** The body of one push: the same bytes on every attempt, so `id` (also the X-Tongtang-Event-Id header) makes receiving idempotent. */
export const webhookEnvelopeSchema = <E extends WebhookEvent>(event: E) =>
  z.object({ id: z.string(), type: z.literal(event), occurredAt: z.number(), bureauId: z.string(), data: webhookEvents[event] });
export type WebhookEnvelope<E extends WebhookEvent = WebhookEvent> = { id: string; type: E; occurredAt: number; bureauId: string; data: WebhookData<E> };

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'X-Tongtang-Signature';
export const EVENT_ID_HEADER = 'X-Tongtang-Event-Id';
export const EVENT_TYPE_HEADER = 'X-Tongtang-Event';

/** A receiver's address: http(s), no credentials in it. */
export const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
  .max(2000)
  .refine((url) => !/^[a-z]+:\/\/[^/]*@/i.test(url), 'no user name or password in the address');

export const newWebhookSchema = z
  .object({
    url: webhookUrlSchema,
    events: z.array(webhookEventSchema).min(1).max(webhookEventNames.length),
    /** A school's hook gets the events of the lessons its school takes part in; null (a bureau admin only): the whole bureau's. */
    schoolId: idSchema.nullable().optional(),
    description: z.string().trim().max(200).optional(),
  })
  .strict();
export type NewWebhook = z.infer<typeof newWebhookSchema>;

export const webhookSchema = z.object({
  id: z.string(),
  bureauId: z.string(),
  schoolId: z.string().nullable(),
  url: z.string(),
  events: z.array(webhookEventSchema),
  description: z.string(),
  createdAt: z.number(),
  createdByName: z.string(),
  /** Deliveries still to be sent, and those that gave up. */
  pending: z.number(),
  failed: z.number(),
});
export type Webhook = z.infer<typeof webhookSchema>;
/** A new hook and its signing secret, which is shown this once. */
export const issuedWebhookSchema = z.object({ webhook: webhookSchema, secret: z.string() });

export const webhookDeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);
export const webhookAttemptSchema = z.object({
  at: z.number(),
  durationMs: z.number(),
  /** The address connected to (after the check), or null when refused before any connection. */
  address: z.string().nullable(),
  /** The HTTP status answered, or null (timeout, connection error, refused). */
  statusCode: z.number().nullable(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;
export const webhookDeliverySchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  event: webhookEventSchema,
  status: webhookDeliveryStatusSchema,
  attempts: z.number(),
  createdAt: z.number(),
  nextAttemptAt: z.number().nullable(),
  deliveredAt: z.number().nullable(),
  /** The last attempt's answer (status code) or error. */
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  log: z.array(webhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** A host name (or IP address) a bureau allows hooks to reach although it resolves to loopback, a private or link-local network. */
export const webhookHostSchema = z.object({ host: z.string(), addedByName: z.string(), addedAt: z.number() });
export type WebhookHost = z.infer<typeof webhookHostSchema>;
export const newWebhookHostSchema = z
  .object({
    host: z
      .string()
      .trim()
      .toLowerCase()
      .min(1)
      .max(253)
      .regex(/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+|[0-9a-f:.]+)$/, 'a host name or IP address, without port or path'),
  })
  .strict();
