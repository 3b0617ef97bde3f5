import type { Page } from '@playwright/test';

/** How a page came back after faults (window.tongtang.recovery, see client recoveryCounts). */
export interface Recovery {
  iceRestarts: number;
  resumes: number;
  rejoins: number;
}

export const recoveryOf = (page: Page): Promise<Recovery> =>
  page.evaluate(() => ({ ...(window as unknown as { tongtang: { recovery: Recovery } }).tongtang.recovery }));

/** What changed between two readings. */
export const recoveryDelta = (before: Recovery, after: Recovery): Recovery => ({
  iceRestarts: after.iceRestarts - before.iceRestarts,
  resumes: after.resumes - before.resumes,
  rejoins: after.rejoins - before.rejoins,
});
