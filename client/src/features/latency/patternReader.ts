import { decodePattern, PATTERN_BAND } from './timestampPattern';

/** Columns the band is scaled to before decoding: 4 per cell, plenty after the encoder's blur. */
const DECODE_WIDTH = 128;
const DECODE_ROWS = 4;

/**
 * A reader of the timestamp pattern in a <video>'s current frame: the band's
 * middle rows scaled onto a small canvas and averaged to one row of luma.
 * Returns the decoded value (modulo 2^24 ms), or null where the frame holds
 * no valid pattern. One canvas per reader, reused frame after frame.
 */
export function patternReader(): (video: HTMLVideoElement) => number | null {
  const canvas = document.createElement('canvas');
  canvas.width = DECODE_WIDTH;
  canvas.height = DECODE_ROWS;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const luma = new Float32Array(DECODE_WIDTH);
  return (video) => {
    const { videoWidth: w, videoHeight: h } = video;
    if (w === 0 || h === 0) return null;
    // The middle of the band only: its top and bottom edges are blurred.
    const top = (PATTERN_BAND.top + PATTERN_BAND.height * 0.25) * h;
    context.drawImage(video, 0, top, w, PATTERN_BAND.height * 0.5 * h, 0, 0, DECODE_WIDTH, DECODE_ROWS);
    const pixels = context.getImageData(0, 0, DECODE_WIDTH, DECODE_ROWS).data;
    luma.fill(0);
    for (let row = 0; row < DECODE_ROWS; row++) {
      for (let x = 0; x < DECODE_WIDTH; x++) {
        const i = (row * DECODE_WIDTH + x) * 4;
        luma[x]! += (0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]!) / DECODE_ROWS;
      }
    }
    return decodePattern(luma);
  };
}
