import type { Page } from '@playwright/test';

/**
 * Watches, inside the page (no driver round trip blurs it), the picture it
 * receives from `participantId`, and resolves with the wall-clock time at
 * which a new frame is decoded: framesDecoded of one of its pictures rises
 * above what it was when the watch began (a picture new since then counts
 * from 0). With `newPicture`, only a picture new since then counts: after
 * the server or its worker restarted, every picture comes from a new
 * producer, and frames still buffered from before must not count. Null if
 * none comes within `timeoutMs`. Page and test share
 * the machine's clock, so the time compares with the test's own Date.now().
 */
export function nextFrameAt(page: Page, participantId: string, timeoutMs: number, options: { newPicture?: boolean } = {}): Promise<number | null> {
  const newPicture = options.newPicture ?? false;
  return page.evaluate(
    async ({ participantId, timeoutMs, newPicture }) => {
      type Row = { producerId: string; participantId: string; kind: string; framesDecoded: number };
      const { media } = (window as unknown as { tongtang: { media: { inboundStats(): Promise<Row[]> } } }).tongtang;
      const pictures = async (): Promise<Row[]> => (await media.inboundStats()).filter((r) => r.participantId === participantId && r.kind === 'video');
      // Per producer: after a rejoin the picture arrives from a new producer, whose count starts again at 0.
      const before = new Map((await pictures()).map((r) => [r.producerId, r.framesDecoded]));
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        const fresh = (await pictures()).filter((r) => !newPicture || !before.has(r.producerId));
        if (fresh.some((r) => r.framesDecoded > (before.get(r.producerId) ?? 0))) return Date.now();
      }
      return null;
    },
    { participantId, timeoutMs, newPicture },
  );
}

/**
 * Gives a cut network back and measures how long until `page` decodes a new
 * frame of `participantId`'s picture (ms after the network returned; null if
 * none within `timeoutMs`). The watch starts before the network returns, so
 * no frame is missed.
 */
export async function pictureBackAfter(restore: () => void, page: Page, participantId: string, timeoutMs = 20_000): Promise<number | null> {
  const frame = nextFrameAt(page, participantId, timeoutMs);
  // The watch's first sample must be taken in the dark, before anything flows again.
  await new Promise((resolve) => setTimeout(resolve, 200));
  restore();
  const restoredAt = Date.now();
  const backAt = await frame;
  return backAt === null ? null : backAt - restoredAt;
}
