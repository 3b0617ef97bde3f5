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
}

/** Probe length the teacher's button asks for; the bench asks for longer runs. */
export const PROBE_DEFAULT_SECONDS = 10;
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
    from: z.string().min(1).max(160),
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
