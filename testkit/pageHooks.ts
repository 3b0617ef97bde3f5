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

/** Which TURN transport a relay-only page may use: the ICE server URL it keeps. */
export type RelayTransport = 'udp' | 'tcp' | 'tls';

/**
 * Test-only: every RTCPeerConnection of the page gathers relay candidates
 * only (`iceTransportPolicy: 'relay'`) and keeps just the TURN URL of one
 * transport, so its media must go through the own TURN relay that way — as
 * at a school whose firewall blocks the media ports. The connections are kept
 * in `window.__relayPeers` for getStats.
 */
export async function installRelayOnly(context: BrowserContext, transport: RelayTransport): Promise<void> {
  await context.addInitScript((transport) => {
    const Native = window.RTCPeerConnection;
    const peers: RTCPeerConnection[] = [];
    (window as unknown as { __relayPeers: RTCPeerConnection[] }).__relayPeers = peers;
    const keep = (url: string): boolean => (transport === 'tls' ? url.startsWith('turns:') : url.startsWith('turn:') && url.endsWith(`?transport=${transport}`));
    class RelayOnlyPeer extends Native {
      constructor(configuration: RTCConfiguration = {}) {
        const iceServers = (configuration.iceServers ?? [])
          .map((server) => ({ ...server, urls: [server.urls].flat().filter(keep) }))
          .filter((server) => server.urls.length > 0);
        super({ ...configuration, iceServers, iceTransportPolicy: 'relay' });
        peers.push(this);
      }
    }
    window.RTCPeerConnection = RelayOnlyPeer;
  }, transport);
}
