import type { Page } from '@playwright/test';
import { inboundStats, type Inbound } from '../../testkit/inboundStats.js';

/** The audio `page` receives from a participant, from getStats (null until a consumer exists). */
export async function audioFrom(page: Page, participantId: string): Promise<Inbound | null> {
  return (await inboundStats(page)).find((row) => row.participantId === participantId && row.kind === 'audio') ?? null;
}

/** Whether packets of that audio keep arriving over `windowMs`. */
export async function audioFlowing(page: Page, participantId: string, windowMs = 500): Promise<boolean> {
  const before = (await audioFrom(page, participantId))?.packetsReceived ?? 0;
  await page.waitForTimeout(windowMs);
  const after = (await audioFrom(page, participantId))?.packetsReceived ?? 0;
  return after > before;
}

/**
 * Watches, inside the page (so the test driver's round trips do not blur it),
 * the packets of that audio for `watchMs` and returns the page time at which
 * the last one arrived: when the audio stopped.
 */
export function lastPacketTime(page: Page, participantId: string, watchMs: number): Promise<number> {
  return page.evaluate(
    async ({ participantId, watchMs }) => {
      type Row = { participantId: string; kind: string; packetsReceived: number };
      const { media } = (window as unknown as { tongtang: { media: { inboundStats(): Promise<Row[]> } } }).tongtang;
      const packets = async (): Promise<number> =>
        (await media.inboundStats()).find((r) => r.participantId === participantId && r.kind === 'audio')?.packetsReceived ?? 0;
      const start = Date.now();
      let count = await packets();
      let last = start;
      while (Date.now() - start < watchMs) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const next = await packets();
        if (next > count) last = Date.now();
        count = next;
      }
      return last;
    },
    { participantId, watchMs },
  );
}

/** Whether real sound (audio energy, not silence frames) of that participant arrives over `windowMs`. */
export async function soundHeard(page: Page, participantId: string, windowMs = 500): Promise<boolean> {
  const before = (await audioFrom(page, participantId))?.totalAudioEnergy ?? 0;
  await page.waitForTimeout(windowMs);
  const after = (await audioFrom(page, participantId))?.totalAudioEnergy ?? 0;
  return after - before > 1e-4;
}
