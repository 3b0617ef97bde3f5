import type { BrowserContext } from '@playwright/test';

/**
 * Bench- and test-only page hooks, installed with Playwright's
 * `addInitScript` (never in product code):
 * - every RTCPeerConnection is kept in `window.__benchPeers`, for getStats
 *   (candidate-pair RTT, loss, freezes) beside the product's own stats;
 * - the wall-clock time each participant's picture first shows a frame is
 *   kept in `window.__firstFrames` (watched from the page's start, so a
 *   frame shown before the bench asks is not missed);
 * - with a relay, the SFU's ICE candidates in the remote SDP are rewritten
 *   to the relay's port and the TCP candidates removed, so the page's media
 *   must go over UDP through the impaired relay.
 */
export async function installPageHooks(context: BrowserContext, relay: { rtcPort: number; relayPort: number } | null): Promise<void> {
  // tsx (esbuild keepNames) wraps named functions in `__name(...)`; functions sent into the page need it too.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((target) => target);' });
  await context.addInitScript((relay) => {
    const Native = window.RTCPeerConnection;
    const peers: RTCPeerConnection[] = [];
    (window as unknown as { __benchPeers: RTCPeerConnection[] }).__benchPeers = peers;
    const rewrite = (sdp: string): string =>
      sdp
        .split('\r\n')
        .filter((line) => !(relay && line.startsWith('a=candidate') && / tcp /i.test(line)))
        .map((line) => (relay && line.startsWith('a=candidate') ? line.replace(` ${relay.rtcPort} typ `, ` ${relay.relayPort} typ `) : line))
        .join('\r\n');
    class Peer extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        peers.push(this);
      }
      override setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
        return super.setRemoteDescription(description.sdp ? { type: description.type, sdp: rewrite(description.sdp) } : description);
      }
    }
    window.RTCPeerConnection = Peer;

    const firstFrames: Record<string, number> = {};
    (window as unknown as { __firstFrames: Record<string, number> }).__firstFrames = firstFrames;
    const watched = new WeakSet<HTMLVideoElement>();
    const watch = setInterval(() => {
      for (const video of document.querySelectorAll<HTMLVideoElement & { requestVideoFrameCallback(cb: () => void): number }>('[data-participant-id] video')) {
        const id = video.closest('[data-participant-id]')?.getAttribute('data-participant-id');
        if (!id || !video.srcObject || watched.has(video) || id in firstFrames) continue;
        watched.add(video);
        video.requestVideoFrameCallback(() => (firstFrames[id] ??= performance.timeOrigin + performance.now()));
      }
    }, 10);
    setTimeout(() => clearInterval(watch), 120_000);
  }, relay);
}
