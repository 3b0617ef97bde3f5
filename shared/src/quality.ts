import { z } from 'zod';
import { mediaKindSchema } from './media.js';

/*
 * 质量面板: every classroom reports, every few seconds, a compact summary of
 * what it receives (from getStats); the server adds the simulcast layer the
 * SFU forwards and passes it to the teacher only.
 */

/** How often a classroom reports what it receives. */
export const QUALITY_REPORT_INTERVAL_MS = 2000;
/** Most received tracks one report may describe (a teacher, a few classrooms, each with camera and microphone). */
export const MAX_QUALITY_SAMPLES = 16;

/** One received track over the last interval, as the receiving page measured it. */
export const receiveSampleSchema = z
  .object({
    producerId: z.string().uuid(),
    kind: mediaKindSchema,
    /** candidate-pair currentRoundTripTime of the receive transport; null before the first STUN answer. */
    rttMs: z.number().min(0).max(60_000).nullable(),
    /** packetsLost / (packetsLost + packetsReceived) over the interval. */
    lossPct: z.number().min(0).max(100),
    kbps: z.number().min(0).max(1_000_000),
    frameWidth: z.number().int().min(0).max(16_384),
    frameHeight: z.number().int().min(0).max(16_384),
    fps: z.number().min(0).max(1000),
    /** freezeCount since the track started (video; 0 for audio). */
    freezes: z.number().int().min(0).max(1_000_000),
    /** Share of the interval the picture stood frozen (totalFreezesDuration delta). */
    frozenPct: z.number().min(0).max(100),
  })
  .strict();
export type ReceiveSample = z.infer<typeof receiveSampleSchema>;

export const reportQualityRequest = z
  .object({ type: z.literal('reportQuality'), samples: z.array(receiveSampleSchema).max(MAX_QUALITY_SAMPLES) })
  .strict();

/** A sample as the teacher sees it: whose track it is and the layer the SFU forwards (null for audio or unknown). */
export interface ReportedSample extends ReceiveSample {
  fromId: string;
  layer: number | null;
}

/** The latest report of one receiver (a classroom). */
export interface QualityReport {
  participantId: string;
  reportedAt: number;
  samples: ReportedSample[];
}

export const qualityReportSchema = z.object({
  participantId: z.string(),
  reportedAt: z.number(),
  samples: z.array(receiveSampleSchema.extend({ fromId: z.string(), layer: z.number().int().nullable() })),
}) satisfies z.ZodType<QualityReport>;

/**
 * 上行保护: what the SFU does with a sender that sends far more than
 * MAX_UPLINK_KBPS (the send transport's cap, which a browser obeys as advice
 * and a broken or hostile one ignores). `lowest`: receivers get only its
 * lowest simulcast layer and its single-layer video is held; `held`: nothing
 * of it is forwarded. The teacher's quality panel shows each step.
 */
export const uplinkLevels = ['normal', 'lowest', 'held'] as const;
export type UplinkLevel = (typeof uplinkLevels)[number];

/** One sender's uplink as the guard last judged it. */
export interface UplinkState {
  participantId: string;
  level: UplinkLevel;
  /** What the SFU received from it over the last second. */
  kbps: number;
  capKbps: number;
}

export const uplinkStateSchema = z.object({
  participantId: z.string(),
  level: z.enum(uplinkLevels),
  kbps: z.number(),
  capKbps: z.number(),
}) satisfies z.ZodType<UplinkState>;

/** Green / yellow / red, as shown to the teacher. */
export type QualityLevel = 'good' | 'fair' | 'poor';

/**
 * Thresholds. RTT: conversation feels immediate under ~150 ms and the 1.5 s
 * target is at risk once jitter buffers grow past ~400 ms. Loss: Opus FEC and
 * NACK hide a few percent; beyond 5 % pictures break up. Video bitrate: under
 * 30 kbit/s a stream is stalled whatever its layer; "fair" is judged against
 * what the layer in use needs (a small tile's 320×180 layer is fine at 50
 * kbit/s, a 720p main view is not). Frozen time: any freeze is noticeable.
 */
export const QUALITY_THRESHOLDS = {
  rttMs: { fair: 150, poor: 400 },
  lossPct: { fair: 2, poor: 5 },
  /** Per simulcast layer 0, 1, 2 (index); an unknown layer is judged as the lowest. */
  videoKbps: [
    { fair: 40, poor: 30 },
    { fair: 150, poor: 30 },
    { fair: 300, poor: 30 },
  ],
  frozenPct: { fair: 1, poor: 10 },
} as const;

const rank: Record<QualityLevel, number> = { good: 0, fair: 1, poor: 2 };

/** The worse of several levels. */
export const worstLevel = (levels: QualityLevel[]): QualityLevel =>
  levels.reduce<QualityLevel>((worst, level) => (rank[level] > rank[worst] ? level : worst), 'good');

/** A figure where higher is worse (RTT, loss, frozen time). */
export function levelAbove(value: number | null, limits: { fair: number; poor: number }): QualityLevel {
  if (value === null) return 'good';
  return value >= limits.poor ? 'poor' : value >= limits.fair ? 'fair' : 'good';
}

/** A figure where lower is worse (bitrate). */
export function levelBelow(value: number, limits: { fair: number; poor: number }): QualityLevel {
  return value < limits.poor ? 'poor' : value < limits.fair ? 'fair' : 'good';
}

/** Each figure's colour and the sample's overall one. Audio bitrate is not judged: DTX sends almost nothing in silence. */
export function sampleLevels(sample: Pick<ReceiveSample, 'kind' | 'rttMs' | 'lossPct' | 'kbps' | 'frozenPct'> & { layer?: number | null }): {
  rtt: QualityLevel;
  loss: QualityLevel;
  bitrate: QualityLevel;
  freezes: QualityLevel;
  overall: QualityLevel;
} {
  const rtt = levelAbove(sample.rttMs, QUALITY_THRESHOLDS.rttMs);
  const loss = levelAbove(sample.lossPct, QUALITY_THRESHOLDS.lossPct);
  const videoLimits = QUALITY_THRESHOLDS.videoKbps[sample.layer ?? 0] ?? QUALITY_THRESHOLDS.videoKbps[0];
  const bitrate = sample.kind === 'video' ? levelBelow(sample.kbps, videoLimits) : 'good';
  const freezes = sample.kind === 'video' ? levelAbove(sample.frozenPct, QUALITY_THRESHOLDS.frozenPct) : 'good';
  return { rtt, loss, bitrate, freezes, overall: worstLevel([rtt, loss, bitrate, freezes]) };
}

/** The simulcast layer a decoded picture comes from, by its width (layers are 320, 640 and 1280 wide; see client simulcast). */
export function layerFromWidth(frameWidth: number): number | null {
  if (frameWidth <= 0) return null;
  return frameWidth <= 400 ? 0 : frameWidth <= 800 ? 1 : 2;
}
