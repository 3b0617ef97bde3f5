import { expect, type Page } from '@playwright/test';
import { inboundStats, type Inbound } from '../../testkit/inboundStats.js';

const row = (rows: Inbound[], participantId: string, kind: 'audio' | 'video'): Inbound | undefined =>
  rows.find((r) => r.participantId === participantId && r.kind === kind);

/**
 * Waits until `page` really decodes `participantId`: video frames decoded keep
 * rising with a non-empty frame, and audio samples keep arriving.
 */
export async function expectDecoding(page: Page, participantId: string, kinds: Array<'audio' | 'video'> = ['video', 'audio']): Promise<void> {
  for (const kind of kinds) {
    const counter = (r: Inbound | undefined): number => (kind === 'video' ? (r?.framesDecoded ?? 0) : (r?.totalSamplesReceived ?? 0));
    let first = -1;
    await expect
      .poll(
        async () => {
          const current = row(await inboundStats(page), participantId, kind);
          if (first < 0 && counter(current) > 0) first = counter(current);
          const rising = first >= 0 && counter(current) > first;
          const sized = kind === 'audio' || (current?.frameWidth ?? 0) > 0;
          return rising && sized;
        },
        { message: `${page.url()} decodes ${kind} of ${participantId}`, intervals: [500, 1000], timeout: 45_000 },
      )
      .toBe(true);
  }
}
