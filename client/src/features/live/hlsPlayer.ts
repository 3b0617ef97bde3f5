import Hls from 'hls.js';

/** What the page shows of its player: waiting for the stream to be on air, playing, or the stream gone for a moment. */
export type PlayerState = 'waiting' | 'playing' | 'trouble';

/** How often a stream that is not on air (yet) is asked for again. */
const RETRY_MS = 3000;

/**
 * Plays a live HLS playlist in a <video>: hls.js where the browser has Media
 * Source Extensions (desktop, Android), the browser's own player otherwise
 * (iOS Safari). It keeps about two 1 s segments behind the live edge and
 * speeds up a little to catch up after a stall, so a viewer stays within a
 * few seconds of the classroom. A playlist that is not there yet (before
 * 开始直播) or breaks is asked for again every few seconds.
 */
export function playLive(video: HTMLVideoElement, playlistUrl: string, onState: (state: PlayerState) => void): () => void {
  let stopped = false;
  let retry: number | null = null;
  video.addEventListener('playing', () => onState('playing'));
  if (!Hls.isSupported()) {
    if (video.canPlayType('application/vnd.apple.mpegurl')) video.src = playlistUrl;
    video.addEventListener('error', () => {
      onState('waiting');
      retry = window.setTimeout(() => !stopped && (video.src = `${playlistUrl}?t=${Date.now()}`), RETRY_MS);
    });
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      video.removeAttribute('src');
    };
  }
  let hls: Hls | null = null;
  const start = (): void => {
    if (stopped) return;
    hls = new Hls({ liveSyncDurationCount: 2, liveMaxLatencyDurationCount: 5, maxLiveSyncPlaybackRate: 1.2, backBufferLength: 10 });
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return;
      onState(video.currentTime > 0 ? 'trouble' : 'waiting');
      hls?.destroy();
      hls = null;
      retry = window.setTimeout(start, RETRY_MS);
    });
    hls.loadSource(playlistUrl);
    hls.attachMedia(video);
  };
  start();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    hls?.destroy();
  };
}
