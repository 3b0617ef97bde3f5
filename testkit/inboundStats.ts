import type { Page } from '@playwright/test';
import type { InboundTrackStats } from '../client/src/features/media/mediaStats.js';

/** One receive-side getStats row per received track, as the page's media service reports it. */
export type Inbound = InboundTrackStats;

/** What a lesson page receives now, track by track (empty before its media service exists). */
export function inboundStats(page: Page): Promise<Inbound[]> {
  return page.evaluate(async () => {
    const tongtang = (window as unknown as { tongtang?: { media: { inboundStats(): Promise<unknown[]> } } }).tongtang;
    return (tongtang ? await tongtang.media.inboundStats() : []) as never;
  });
}
