import { z } from 'zod';
import { latencyMeasurementSchema, MAX_LATENCY_ROWS } from '@shared';
import type { LessonEventRow } from '../../db/lessonEvents.js';

/** The host classroom's students as a speaker: heard through the teacher's page's room microphone (studentsMic), not hers. */
export const HOST_CLASS_SPEAKER = 'teacher:studentsMic';

/*
 * The participation log's vocabulary: what one `lesson_event` row says. The
 * log writes these as the lesson runs; the figures (participationFigures.ts)
 * read them back. Rows a later version writes, or that do not parse, are
 * skipped when read, never fatal to a report.
 */

/** The floor as the figures need it: who holds it and whether discussion (讨论) is open. */
const floorDetail = z.object({ holders: z.array(z.string()), mode: z.enum(['lecture', 'discussion']) });

const detailSchemas = {
  /**
   * The lesson opened on a server: where the floor and the main view stand.
   * Nobody is in it yet and nobody speaks; a snapshot, so a reopened lesson
   * (everyone left, a server restart) goes on from what Redis kept.
   */
  opened: z.object({ floor: floorDetail, mainView: z.string() }),
  /** The lesson closed on this server: nobody is in it, nothing is heard or shown until it opens again. */
  closed: z.null(),
  joined: z.null(),
  left: z.null(),
  /** A hand entered the queue; `raisedAt` (the queue's own time) names it, so a hand seen again after a reopening is the same hand. */
  handraised: z.object({ raisedAt: z.number(), studentName: z.string() }),
  /** A hand left the queue (given the floor, lowered by the teacher or the classroom, or all lowered). */
  handgone: z.object({ raisedAt: z.number() }),
  floor: floorDetail,
  /**
   * Who is heard speaking now (the directing's speaker detection), loudest first: participant ids, and
   * HOST_CLASS_SPEAKER for the host classroom's students (the teacher's participant, its room microphone).
   */
  speaking: z.object({ speaking: z.array(z.string()) }),
  /** Whose picture fills every classroom's main view, and why. */
  mainview: z.object({ reason: z.string() }),
  /*
   * 质量: facts the dashboard counts and the participation figures skip. A
   * classroom's 课前检测 verdict (participant `classroom:<id>`), one page's
   * 延迟检测 summary (participant: the reporter), and how many more freezes a
   * receiver saw since its last report (written only when that grew).
   */
  precheck: z.object({ classroomId: z.string(), verdict: z.enum(['ready', 'limited', 'blocked']) }),
  latency: z.object({ probeId: z.string(), measurements: z.array(latencyMeasurementSchema).max(MAX_LATENCY_ROWS) }),
  freezes: z.object({ count: z.number().int().min(1) }),
} satisfies Record<string, z.ZodType>;

type Details = { [K in keyof typeof detailSchemas]: z.infer<(typeof detailSchemas)[K]> };
export type ParticipationEventKind = keyof Details;

/** One event of the log as the figures read it; `participantId` for those about one participant (joined, left, hands, main view). */
export type ParticipationEvent = {
  [K in ParticipationEventKind]: { kind: K; at: number; participantId: string | null; detail: Details[K] };
}[ParticipationEventKind];

/** The row that stores an event. */
export function eventRow(lessonId: string, event: ParticipationEvent): LessonEventRow {
  return { lesson_id: lessonId, at: event.at, kind: event.kind, participant_id: event.participantId, detail: event.detail === null ? null : JSON.stringify(event.detail) };
}

/** The event a row stores, or null for a row of an unknown kind or a detail that does not parse. */
export function eventOfRow(row: Pick<LessonEventRow, 'at' | 'kind' | 'participant_id' | 'detail'>): ParticipationEvent | null {
  if (!Object.hasOwn(detailSchemas, row.kind)) return null;
  const kind = row.kind as ParticipationEventKind;
  let raw: unknown;
  try {
    raw = row.detail === null ? null : JSON.parse(row.detail);
  } catch {
    return null;
  }
  const parsed = detailSchemas[kind].safeParse(raw);
  if (!parsed.success) return null;
  return { kind, at: Number(row.at), participantId: row.participant_id, detail: parsed.data } as ParticipationEvent;
}
