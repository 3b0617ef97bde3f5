import { patternReader } from './patternReader';
import { unwrapPatternTime } from './timestampPattern';
import { fromPerformance } from './localClock';

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
  const decode = patternReader();

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
