import { describe, expect, it } from 'vitest';
import { PATTERN_CELLS, PATTERN_MODULO, decodePattern, encodePattern, unwrapPatternTime } from './timestampPattern';

/** A row of pixels as the canvas draws it: each cell `width / 32` wide, white 235, black 16 (video range). */
function render(cells: boolean[], width: number): number[] {
  return Array.from({ length: width }, (_, x) => (cells[Math.floor((x * PATTERN_CELLS) / width)] ? 235 : 16));
}

/** Box blur of `radius` pixels: what downscaling and VP8 at a low bitrate do to edges. */
function blur(row: number[], radius: number): number[] {
  return row.map((_, x) => {
    let sum = 0;
    let n = 0;
    for (let k = x - radius; k <= x + radius; k++) {
      if (k >= 0 && k < row.length) {
        sum += row[k]!;
        n++;
      }
    }
    return sum / n;
  });
}

/** Linear resampling to another width, as a decoder scales a frame. */
function resample(row: number[], width: number): number[] {
  return Array.from({ length: width }, (_, x) => {
    const at = ((x + 0.5) * row.length) / width - 0.5;
    const i = Math.max(0, Math.min(row.length - 2, Math.floor(at)));
    const f = Math.max(0, Math.min(1, at - i));
    return row[i]! * (1 - f) + row[i + 1]! * f;
  });
}

/** Contrast lost by the encoder: black and white pulled towards grey, plus deterministic noise. */
function degrade(row: number[], seed: number): number[] {
  let state = seed;
  const noise = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (state / 2 ** 31 - 0.5) * 24;
  };
  return row.map((v) => 70 + (v - 16) * 0.45 + noise());
}

const times = [0, 1, 999, 123_456, 8_388_607, PATTERN_MODULO - 1, 1_764_000_000_123, Date.UTC(2026, 10, 25, 3, 30)];

describe('timestamp pattern', () => {
  it('decodes exactly what it encoded, modulo 2^24 ms', () => {
    for (const t of times) expect(decodePattern(render(encodePattern(t), 1280))).toBe(t % PATTERN_MODULO);
  });

  it('survives the smallest simulcast layer, blur, odd scaling and contrast loss', () => {
    for (const [i, t] of times.entries()) {
      const small = resample(render(encodePattern(t), 1280), 320);
      expect(decodePattern(blur(small, 2))).toBe(t % PATTERN_MODULO);
      expect(decodePattern(degrade(resample(blur(small, 3), 97), i + 1))).toBe(t % PATTERN_MODULO);
      expect(decodePattern(degrade(resample(render(encodePattern(t), 640), 128), i + 7))).toBe(t % PATTERN_MODULO);
    }
  });

  it('rejects what is not a pattern: a camera picture, black, flat grey, a frame mixing two patterns', () => {
    expect(decodePattern(new Array(128).fill(0))).toBeNull();
    expect(decodePattern(new Array(128).fill(128))).toBeNull();
    expect(decodePattern(Array.from({ length: 320 }, (_, x) => 128 + 100 * Math.sin(x / 7)))).toBeNull();
    const a = render(encodePattern(1000), 320);
    const b = render(encodePattern(1000 + 0x5a5a5), 320);
    const torn = a.map((v, x) => (x % 20 < 10 ? v : b[x]!));
    expect(decodePattern(torn)).toBeNull();
    // Every single flipped value bit is caught by the check bits.
    const cells = encodePattern(4_242_424);
    for (let i = 2; i < 2 + 24; i++) {
      const flipped = cells.map((c, k) => (k === i ? !c : c));
      expect(decodePattern(render(flipped, 256))).toBeNull();
    }
  });

  it('unwraps a decoded value to the full time just before now', () => {
    const sent = 1_764_000_000_000;
    expect(unwrapPatternTime(sent % PATTERN_MODULO, sent + 180)).toBe(sent);
    expect(unwrapPatternTime(sent % PATTERN_MODULO, sent - 5)).toBe(sent);
  });
});
