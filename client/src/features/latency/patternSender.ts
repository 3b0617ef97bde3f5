import { encodePattern, PATTERN_BAND, PATTERN_CELLS } from './timestampPattern';

/** A camera-sized canvas showing the timestamp pattern, captured frame by frame as a video track. */
export interface PatternSource {
  track: MediaStreamTrack;
  stop(): void;
}

/**
 * Draws the pattern at the camera's own size and frame rate (so the probe
 * loads the encoder as the camera does) and captures each frame right after
 * drawing it (`captureStream(0)` + `requestFrame`), so the time a frame
 * carries is the time it entered the pipeline. `now` is the server clock.
 */
export function startPatternSource(width: number, height: number, fps: number, now: () => number, label: string): PatternSource {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0]!;
  const bandTop = Math.round(PATTERN_BAND.top * height);
  const bandHeight = Math.round(PATTERN_BAND.height * height);
  const draw = (): void => {
    const at = now();
    context.fillStyle = '#404040';
    context.fillRect(0, 0, width, height);
    encodePattern(at).forEach((white, i) => {
      context.fillStyle = white ? '#ffffff' : '#000000';
      const x = Math.round((i * width) / PATTERN_CELLS);
      context.fillRect(x, bandTop, Math.round(((i + 1) * width) / PATTERN_CELLS) - x, bandHeight);
    });
    context.fillStyle = '#ffffff';
    context.font = `${Math.round(height / 10)}px sans-serif`;
    context.fillText(label, width * 0.05, height * 0.6);
    context.fillText(String(Math.floor(at) % 100_000).padStart(5, '0'), width * 0.05, height * 0.8);
    (track as MediaStreamTrack & { requestFrame?: () => void }).requestFrame?.();
  };
  draw();
  const timer = window.setInterval(draw, 1000 / fps);
  return {
    track,
    stop: () => {
      window.clearInterval(timer);
      track.stop();
    },
  };
}
