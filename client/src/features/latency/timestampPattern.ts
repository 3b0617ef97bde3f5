/**
 * A machine-readable timestamp drawn into video frames: one row of
 * black/white cells across the whole width. Two guard cells (white, black)
 * give the decoder its own black and white levels (so encoder contrast loss
 * and scaling do not matter), 24 bits carry the sender's clock in
 * milliseconds modulo 2^24 (4.6 h), and 6 check bits reject a frame caught
 * half-way between two patterns or smeared by the encoder.
 */

/** Cells in the row: 2 guards + 24 value bits + 6 check bits. */
export const PATTERN_CELLS = 32;
export const PATTERN_VALUE_BITS = 24;
const CHECK_BITS = 6;
export const PATTERN_MODULO = 2 ** PATTERN_VALUE_BITS;

/** Where the band sits in the frame, as fractions of its height: thick enough for a 320×180 layer. */
export const PATTERN_BAND = { top: 0.08, height: 0.3 } as const;

function checksum(value: number): number {
  let sum = 0;
  for (let shift = 0; shift < PATTERN_VALUE_BITS; shift += CHECK_BITS) sum ^= (value >>> shift) & 0x3f;
  // Rotated once so an all-zero value does not give an all-zero check (a black frame must not decode).
  return (((sum << 1) | (sum >>> 5)) & 0x3f) ^ 0x2a;
}

/** The cells (true = white) for a time in milliseconds. */
export function encodePattern(timeMs: number): boolean[] {
  const value = ((Math.floor(timeMs) % PATTERN_MODULO) + PATTERN_MODULO) % PATTERN_MODULO;
  const cells = [true, false];
  for (let bit = PATTERN_VALUE_BITS - 1; bit >= 0; bit--) cells.push(((value >>> bit) & 1) === 1);
  const check = checksum(value);
  for (let bit = CHECK_BITS - 1; bit >= 0; bit--) cells.push(((check >>> bit) & 1) === 1);
  return cells;
}

/** Minimum difference between the white and black guards (0–255) for a frame to count as a pattern. */
const MIN_CONTRAST = 60;

/**
 * Decodes one row of luminance values (any width ≥ 2 samples per cell, e.g.
 * the band averaged over its height) back to the value modulo 2^24, or null
 * when the row is not a valid pattern.
 */
export function decodePattern(luma: ArrayLike<number>): number | null {
  const width = luma.length;
  if (width < PATTERN_CELLS * 2) return null;
  const cellWidth = width / PATTERN_CELLS;
  // The middle half of each cell: edges are blurred by scaling and the encoder.
  const cell = (index: number): number => {
    const from = Math.floor(index * cellWidth + cellWidth * 0.25);
    const to = Math.max(from + 1, Math.ceil(index * cellWidth + cellWidth * 0.75));
    let sum = 0;
    for (let x = from; x < to; x++) sum += luma[x] ?? 0;
    return sum / (to - from);
  };
  const white = cell(0);
  const black = cell(1);
  if (white - black < MIN_CONTRAST) return null;
  const threshold = (white + black) / 2;
  let value = 0;
  for (let i = 0; i < PATTERN_VALUE_BITS; i++) value = value * 2 + (cell(2 + i) > threshold ? 1 : 0);
  let check = 0;
  for (let i = 0; i < CHECK_BITS; i++) check = check * 2 + (cell(2 + PATTERN_VALUE_BITS + i) > threshold ? 1 : 0);
  return check === checksum(value) ? value : null;
}

/**
 * The full time a decoded value stands for: the one closest before `nowMs`
 * (a picture is never from the future; clocks agree within the modulo).
 */
export function unwrapPatternTime(value: number, nowMs: number): number {
  const base = nowMs - (((nowMs - value) % PATTERN_MODULO) + PATTERN_MODULO) % PATTERN_MODULO;
  // A small negative latency (clock estimate slightly off) must not jump back 4.6 h.
  return nowMs - base > PATTERN_MODULO - 60_000 ? base + PATTERN_MODULO : base;
}
