import { z } from 'zod';

/**
 * 延迟检测 latency probe: the teacher starts it; every page shows a
 * timestamp pattern and plays tone bursts from `startsAt` (server clock) for
 * `durationMs`, measures what it receives, and reports a summary.
 */
export interface LatencyProbe {
  probeId: string;
  /** Server clock (ms since the epoch); pages align to it with `clockSync`. */
  startsAt: number;
  durationMs: number;
  /**
   * Server clock until which the SFU lets classroom microphones through that
   * the floor would keep closed (classrooms the teacher muted stay muted).
   * At most 15 s after the start request, whatever the page does.
   */
  microphonesOpenUntil: number;
}

/** Probe length the teacher's button asks for. */
export const PROBE_DEFAULT_SECONDS = 10;
/**
 * Longest probe in lecture mode: it opens the microphones of classrooms
 * without the floor, so it stays short. A longer one (the bench's) needs
 * discussion mode (讨论), where every classroom may be heard anyway.
 */
export const PROBE_LECTURE_MAX_SECONDS = 10;
export const PROBE_MAX_SECONDS = 300;
/** Time between the request and the start: every page syncs its clock meanwhile. */
export const PROBE_LEAD_MS = 2500;

/**
 * What one page measured from one sender: `video` and `audio` one-way
 * (sender's clock → shown/heard here), `answer` the question→answer round
 * trip (teacher only: her tone heard in the classroom, its reply heard by her).
 */
export const latencyMeasurementSchema = z
  .object({
    // A participant id: `classroom:` and a 64-character classroom id.
    from: z.string().min(1).max(80),
    kind: z.enum(['video', 'audio', 'answer']),
    count: z.number().int().min(0),
    p50: z.number().finite(),
    p95: z.number().finite(),
    p99: z.number().finite(),
  })
  .strict();
export type LatencyMeasurement = z.infer<typeof latencyMeasurementSchema>;

/** At most one row per sender and kind; a lesson has far fewer participants than this. */
export const MAX_LATENCY_ROWS = 120;
