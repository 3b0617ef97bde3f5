import { z } from 'zod';
import { idSchema } from './lesson.js';

/*
 * 课前检测, the pre-class check of a classroom terminal: what the page found,
 * and the one rule (used by the page and the server alike) that turns it into
 * a verdict and plain advice. Kept free of browser and mediasoup types so the
 * rule is unit-tested on plain objects.
 */

/** What became of the camera: opened and showing a picture, or why not. */
export const cameraCheckSchema = z.enum(['ok', 'noPicture', 'missing', 'denied', 'busy', 'error']);
/** `silent`: the microphone opened but nothing above the noise floor was heard during the check. */
export const microphoneCheckSchema = z.enum(['ok', 'silent', 'missing', 'denied', 'busy', 'error']);
/** The person in the room says whether the test sound came out of the speakers. */
export const speakerCheckSchema = z.enum(['heard', 'notHeard', 'unconfirmed']);
/** Whether a media connection to the SFU came up over one protocol. */
export const pathCheckSchema = z.enum(['ok', 'failed']);
/** Whether a relayed path through the server's TURN relay came up (any of its UDP, TCP and TLS ports); notConfigured on a server without one. */
export const turnCheckSchema = z.enum(['ok', 'failed', 'notConfigured']);
/** The relay's ways in that came up, for the advice to the school's network administrator. */
export const relayTransportSchema = z.enum(['udp', 'tcp', 'tls']);

/** What the classroom page measured, as sent to the server. */
export const precheckReportSchema = z
  .object({
    camera: cameraCheckSchema,
    microphone: microphoneCheckSchema,
    speaker: speakerCheckSchema,
    udp: pathCheckSchema,
    tcp: pathCheckSchema,
    turn: turnCheckSchema,
    relays: z.array(relayTransportSchema).max(3).optional(),
    /** Upload estimate from the test stream (the browser's availableOutgoingBitrate or the rate it sent); null when no path came up. */
    uplinkKbps: z.number().min(0).max(1_000_000).nullable(),
    /** Media round trip to the SFU during the test stream. */
    rttMs: z.number().min(0).max(60_000).nullable(),
  })
  .strict();
export type PrecheckReport = z.infer<typeof precheckReportSchema>;

/** 可以上课 / 可以上课但有问题 / 无法上课. */
export type PrecheckVerdict = 'ready' | 'limited' | 'blocked';

/** One thing to do, as a message key suffix the pages translate (`precheck.advice.<code>`). */
export const precheckAdviceSchema = z.enum([
  'noConnection',
  'relayOnly',
  'udpBlocked',
  'veryLowBandwidth',
  'lowBandwidth',
  'cameraNoPicture',
  'cameraMissing',
  'cameraDenied',
  'cameraBusy',
  'cameraError',
  'microphoneSilent',
  'microphoneMissing',
  'microphoneDenied',
  'microphoneBusy',
  'microphoneError',
  'speakerNotHeard',
  'speakerUnconfirmed',
]);
export type PrecheckAdvice = z.infer<typeof precheckAdviceSchema>;

/** Below this upload a classroom cannot even send its lowest layer with sound: treated as no usable connection. */
export const BLOCKED_UPLINK_KBPS = 150;
/** Below this the classroom is seen only at the lower simulcast layers (640×360 needs ~500 kbit/s plus audio). */
export const LOW_UPLINK_KBPS = 600;

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * The verdict and what to do, most important first. Blocked means the
 * classroom cannot take part at all (no media path, or almost no upload);
 * anything else that is wrong still lets the lesson go on with what works.
 */
export function precheckVerdict(report: PrecheckReport): { verdict: PrecheckVerdict; advice: PrecheckAdvice[] } {
  const advice: PrecheckAdvice[] = [];
  let blocked = false;
  if (report.udp === 'failed' && report.tcp === 'failed' && report.turn !== 'ok') {
    advice.push('noConnection');
    blocked = true;
  } else {
    // The media ports are shut but the relay gets through: the lesson works, with one more hop.
    if (report.udp === 'failed' && report.tcp === 'failed') advice.push('relayOnly');
    else if (report.udp === 'failed') advice.push('udpBlocked');
    if (report.uplinkKbps !== null && report.uplinkKbps < BLOCKED_UPLINK_KBPS) {
      advice.push('veryLowBandwidth');
      blocked = true;
    } else if (report.uplinkKbps !== null && report.uplinkKbps < LOW_UPLINK_KBPS) {
      advice.push('lowBandwidth');
    }
  }
  if (report.camera !== 'ok') advice.push(`camera${capitalised(report.camera)}` as PrecheckAdvice);
  if (report.microphone !== 'ok') advice.push(`microphone${capitalised(report.microphone)}` as PrecheckAdvice);
  if (report.speaker !== 'heard') advice.push(`speaker${capitalised(report.speaker)}` as PrecheckAdvice);
  return { verdict: blocked ? 'blocked' : advice.length > 0 ? 'limited' : 'ready', advice };
}

/** A classroom's latest check as the server keeps it and the teacher sees it. */
export interface PrecheckRecord {
  participantId: string;
  classroomId: string;
  name: string;
  checkedAt: number;
  report: PrecheckReport;
  verdict: PrecheckVerdict;
  advice: PrecheckAdvice[];
  /** What the SFU itself received from the test stream (sum over its simulcast layers); null if never measured. */
  sfuReceivedKbps: number | null;
}

export const precheckRecordSchema = z.object({
  participantId: z.string(),
  classroomId: z.string(),
  name: z.string(),
  checkedAt: z.number(),
  report: precheckReportSchema,
  verdict: z.enum(['ready', 'limited', 'blocked']),
  advice: z.array(precheckAdviceSchema),
  sfuReceivedKbps: z.number().nullable(),
}) satisfies z.ZodType<PrecheckRecord>;

/** Opens a check with a classroom's own link; it does not join the lesson, so a running classroom page is not replaced. */
export const startPrecheckRequest = z
  .object({ type: z.literal('startPrecheck'), lessonId: idSchema, classroomId: idSchema })
  .strict();

/** What the SFU saw of the check's test stream. */
export interface PrecheckMeasurement {
  receivedKbps: number;
  transports: Array<{ id: string; iceState: string; protocol: 'udp' | 'tcp' | null }>;
}
