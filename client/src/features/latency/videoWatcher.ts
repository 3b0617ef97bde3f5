import { decodePattern, PATTERN_BAND, unwrapPatternTime } from './timestampPattern';
import { fromPerformance } from './localClock';

/** Columns the band is scaled to before decoding: 4 per cell, plenty after the encoder's blur. */
const DECODE_WIDTH = 128;
const DECODE_ROWS = 4;
/** How often new tiles (a main view that moved) are looked for. */
const SCAN_MS = 500;

type FrameCallback = (now: number, metadata: { expectedDisplayTime: number }) => void;
type FrameVideo = HTMLVideoElement & { requestVideoFrameCallback?(callback: FrameCallback): number };

/**
 * Decodes the timestamp pattern on every frame this page displays from
 * other participants (`requestVideoFrameCallback`): the one-way video delay
 * is the frame's expected display time minus the time drawn into it, both
 * on the server clock. Tiles are found by their `data-participant-id`, so
 * the pictures are the ones the page really shows, at the layer it shows.
 */
export function watchVideos(selfId: string, serverOffset: number, record: (from: string, delayMs: number, at: number) => void): () => void {
  const watched = new WeakSet<HTMLVideoElement>();
  let stopped = false;
  const canvas = document.createElement('canvas');
  canvas.width = DECODE_WIDTH;
  canvas.height = DECODE_ROWS;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const luma = new Float32Array(DECODE_WIDTH);

  const decode = (video: HTMLVideoElement): number | null => {
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

  const follow = (video: FrameVideo): void => {
    const onFrame: FrameCallback = (_now, metadata) => {
      if (stopped || !video.isConnected) return;
      const from = video.closest<HTMLElement>('[data-participant-id]')?.dataset['participantId'];
      const value = from && from !== selfId ? decode(video) : null;
      if (from && value !== null) {
        const shownAt = fromPerformance(metadata.expectedDisplayTime) + serverOffset;
        const sentAt = unwrapPatternTime(value, shownAt);
        record(from, shownAt - sentAt, shownAt);
      }
      video.requestVideoFrameCallback?.(onFrame);
    };
    video.requestVideoFrameCallback?.(onFrame);
  };

  const scan = (): void => {
    for (const video of document.querySelectorAll<FrameVideo>('[data-participant-id] video')) {
      if (watched.has(video)) continue;
      watched.add(video);
      follow(video);
    }
  };
  scan();
  const timer = window.setInterval(scan, SCAN_MS);
  return () => {
    stopped = true;
    window.clearInterval(timer);
  };
}
