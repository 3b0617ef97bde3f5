import type { Page } from '@playwright/test';

/*
 * How smoothly a page shows the video it receives, from its own peer
 * connections (kept by the test's page hooks: openPage(…, { peers: true })).
 */

/** Freezes of the video a page receives, as WebRTC counts them (inbound-rtp), and frames decoded. */
export interface Freezes {
  freezeCount: number;
  /** Seconds. */
  totalFreezesDuration: number;
  framesDecoded: number;
}

/**
 * Read from the page's own peer connections (kept by the test's page hooks).
 * WebRTC counts a freeze when the time between two rendered frames exceeds
 * max(3 × the average, the average + 150 ms), on its own threads: neither the
 * test's polling nor a page that composites rarely on a loaded machine can
 * count as a gap, as a test polling framesDecoded would.
 */
export function freezes(page: Page): Promise<Freezes> {
  return page.evaluate(async () => {
    const total: Freezes = { freezeCount: 0, totalFreezesDuration: 0, framesDecoded: 0 };
    for (const peer of (window as unknown as { __benchPeers: RTCPeerConnection[] }).__benchPeers) {
      for (const report of (await peer.getStats()).values() as IterableIterator<Record<string, unknown>>) {
        if (report['type'] !== 'inbound-rtp' || report['kind'] !== 'video') continue;
        for (const key of ['freezeCount', 'totalFreezesDuration', 'framesDecoded'] as const) total[key] += Number(report[key] ?? 0);
      }
    }
    return total;
  });
}

/** What a watch of one page's received video found. */
export interface FreezeWatch {
  /** Upper bound of the longest single freeze: the most freeze time that ended between two samples. */
  longestFreezeMs: number;
  frozenMs: number;
  freezes: number;
  fps: number;
}

/**
 * Samples `freezes` every ~200 ms until stopped. A freeze's length is WebRTC's
 * own; the samples only split them up, so a late sample can make the bound
 * looser (two freezes counted as one), never tighter than the truth.
 */
export function watchFreezes(page: Page): { stop(): Promise<FreezeWatch> } {
  let stopped = false;
  const samples: Array<Freezes & { at: number }> = [];
  const running = (async () => {
    while (!stopped) {
      samples.push({ ...(await freezes(page)), at: Date.now() });
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await running;
      const first = samples[0]!;
      const last = samples.at(-1)!;
      let longest = 0;
      for (let i = 1; i < samples.length; i++) longest = Math.max(longest, samples[i]!.totalFreezesDuration - samples[i - 1]!.totalFreezesDuration);
      return {
        longestFreezeMs: Math.round(longest * 1000),
        frozenMs: Math.round((last.totalFreezesDuration - first.totalFreezesDuration) * 1000),
        freezes: last.freezeCount - first.freezeCount,
        fps: Math.round(((last.framesDecoded - first.framesDecoded) / Math.max(1, last.at - first.at)) * 10_000) / 10,
      };
    },
  };
}
