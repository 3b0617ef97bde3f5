/**
 * Tone-burst detection for the latency probe: the pure maths (Goertzel on a
 * known frequency, onset search) is here so it can be unit-tested; the page
 * feeds it what a Web Audio AnalyserNode holds.
 */

/** Power of one frequency in `samples[from, to)`, normalised to the block's total power (0…1: how pure a tone it is). */
export function toneRatio(samples: ArrayLike<number>, from: number, to: number, frequency: number, sampleRate: number): number {
  const n = to - from;
  if (n <= 0) return 0;
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (let i = from; i < to; i++) {
    const x = samples[i] ?? 0;
    energy += x * x;
    const s0 = x + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  if (energy < MIN_ENERGY_PER_SAMPLE * n) return 0;
  const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  // A pure sine of amplitude A gives power ≈ (A·n/2)², energy ≈ A²·n/2.
  return Math.min(1, power / ((energy * n) / 2));
}

/** Below about −50 dBFS a block is treated as silence, whatever its spectrum. */
const MIN_ENERGY_PER_SAMPLE = 1e-5;
/** Share of a block's power that must be the tone. Opus keeps a sine pure; speech and noise stay far below. */
export const TONE_THRESHOLD = 0.5;
/** Goertzel block: 2.7 ms at 48 kHz, the onset resolution. */
export const TONE_BLOCK = 128;

/**
 * Index of the first sample of the first block, at or after `from`, in which
 * the tone is present and stays present for the next block too; null if none.
 */
export function findToneOnset(samples: ArrayLike<number>, frequency: number, sampleRate: number, from = 0): number | null {
  for (let start = from; start + 2 * TONE_BLOCK <= samples.length; start += TONE_BLOCK / 2) {
    if (
      toneRatio(samples, start, start + TONE_BLOCK, frequency, sampleRate) >= TONE_THRESHOLD &&
      toneRatio(samples, start + TONE_BLOCK, start + 2 * TONE_BLOCK, frequency, sampleRate) >= TONE_THRESHOLD
    ) {
      return start;
    }
  }
  return null;
}

/**
 * Follows one frequency through successive snapshots of the latest audio (an
 * AnalyserNode's time-domain buffer) and reports each burst's onset once, as
 * a time: the snapshot's end time minus the samples after the onset.
 */
export class ToneTracker {
  /** Time of the burst last seen; a new onset must come well after it. */
  private lastOnset = -Infinity;

  constructor(
    private readonly frequency: number,
    private readonly sampleRate: number,
    /** Bursts closer than this are one burst (the tone lasts ~120 ms; bursts come every 3 s). */
    private readonly minGapMs = 400,
  ) {}

  /**
   * Looks at the newest samples (ending at `endTimeMs`); returns the onset
   * time of a new burst, or null. A burst already present at the very start
   * of the buffer began earlier than we can see (snapshots came too far
   * apart): it is marked as seen but not reported, never mis-timed.
   */
  feed(samples: ArrayLike<number>, endTimeMs: number): number | null {
    const onset = findToneOnset(samples, this.frequency, this.sampleRate);
    if (onset === null) return null;
    const at = endTimeMs - ((samples.length - onset) / this.sampleRate) * 1000;
    if (at - this.lastOnset < this.minGapMs) return null;
    this.lastOnset = at;
    return onset === 0 ? null : at;
  }
}
