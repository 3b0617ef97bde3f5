import type { Page } from '@playwright/test';
import { pathFigures } from '../../client/src/features/media/statsReport.js';

/** Receive-side counters of one page, summed over its peer connections (via the bench's page hooks). */
export interface PageCounters {
  at: number;
  /** Per inbound video stream (by stats id): frames decoded and freeze time so far. */
  videos: Record<string, { framesDecoded: number; freezeSeconds: number; freezeCount: number; width: number }>;
  /** Per inbound stream (peer index and stats id), so a re-created connection does not count backwards. */
  packets: Record<string, { received: number; lost: number }>;
  /** currentRoundTripTime of each peer connection's selected candidate pair, ms. */
  rttMs: number[];
  /** What this page sends per simulcast layer, and why the browser holds it back (cpu, bandwidth). */
  outbound: Array<{ rid: string; width: number; height: number; fps: number; limitation: string }>;
  /** Running totals per stream (`<stream>|<name>`: seconds, counts) for where the time goes: encode, pacer, jitter buffer, decode. */
  sums: Record<string, number>;
}

export async function pageCounters(page: Page): Promise<PageCounters> {
  const { paths, ...counters } = await page.evaluate(async () => {
    const peers = (window as unknown as { __benchPeers?: RTCPeerConnection[] }).__benchPeers ?? [];
    const out: Omit<PageCounters, 'rttMs'> & { paths: Array<Array<Record<string, unknown>>> } = { at: Date.now(), videos: {}, packets: {}, outbound: [], sums: {}, paths: [] };
    for (const [index, peer] of peers.entries()) {
      if (peer.connectionState === 'closed') continue;
      const stats = await peer.getStats();
      // Each peer's path (transport and candidate pairs), read by the product's own rule outside the page.
      out.paths.push([...stats.values()].filter((report) => report.type === 'transport' || report.type === 'candidate-pair'));
      for (const report of stats.values() as IterableIterator<Record<string, number & string>>) {
        const stream = `${index}:${report['id']}`;
        const add = (key: string, value: unknown): void => {
          if (typeof value === 'number') out.sums[`${stream}|${key}`] = value;
        };
        if (report['type'] === 'inbound-rtp') {
          out.packets[stream] = { received: report['packetsReceived'] ?? 0, lost: report['packetsLost'] ?? 0 };
          const kind = report['kind'];
          add(`${kind}JitterBufferDelay`, report['jitterBufferDelay']);
          add(`${kind}JitterBufferEmitted`, report['jitterBufferEmittedCount']);
          if (kind === 'video') {
            add('totalDecodeTime', report['totalDecodeTime']);
            add('totalProcessingDelay', report['totalProcessingDelay']);
            add('framesDecoded', report['framesDecoded']);
          }
          if (report['kind'] === 'video') {
            out.videos[`${index}:${report['id']}`] = {
              framesDecoded: report['framesDecoded'] ?? 0,
              freezeSeconds: report['totalFreezesDuration'] ?? 0,
              freezeCount: report['freezeCount'] ?? 0,
              width: report['frameWidth'] ?? 0,
            };
          }
        }
        if (report['type'] === 'outbound-rtp' && report['kind'] === 'video') {
          add('totalEncodeTime', report['totalEncodeTime']);
          add('framesEncoded', report['framesEncoded']);
          add('totalPacketSendDelay', report['totalPacketSendDelay']);
          add('packetsSent', report['packetsSent']);
          out.outbound.push({
            rid: String(report['rid'] ?? ''),
            width: report['frameWidth'] ?? 0,
            height: report['frameHeight'] ?? 0,
            fps: report['framesPerSecond'] ?? 0,
            limitation: String(report['qualityLimitationReason'] ?? ''),
          });
        }
      }
    }
    return out;
  });
  const rttMs = paths.map((path) => pathFigures(path).rttMs).filter((rtt): rtt is number => rtt !== null);
  return { ...counters, rttMs };
}

/** When a page was opened and got through joining, and when it first showed each participant's picture (wall clock, ms). */
export interface PageTimes {
  opened: number;
  joined: number | null;
  mediaStarted: number | null;
  firstFrames: Record<string, number>;
}

/** Waits (up to 90 s) until the page has shown a frame of each named participant, then returns its times. */
export async function pageTimes(page: Page, participantIds: string[]): Promise<PageTimes> {
  await page
    .waitForFunction((ids) => ids.every((id) => id in ((window as unknown as { __firstFrames?: Record<string, number> }).__firstFrames ?? {})), participantIds, { timeout: 90_000 })
    .catch(() => undefined);
  return page.evaluate(() => {
    const mark = (name: string): number | null => {
      const entry = performance.getEntriesByName(name)[0];
      return entry ? performance.timeOrigin + entry.startTime : null;
    };
    return {
      opened: performance.timeOrigin,
      joined: mark('tongtang:joined'),
      mediaStarted: mark('tongtang:media'),
      firstFrames: { ...(window as unknown as { __firstFrames?: Record<string, number> }).__firstFrames },
    };
  });
}
