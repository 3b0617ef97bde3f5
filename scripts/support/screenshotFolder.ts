import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** A docs/screenshots folder the screenshot scripts write into, remembering what they saved for the closing line. */
export function screenshotFolder(folder: string): { shot(page: Page, name: string, fullPage?: boolean): Promise<void>; saved: string[] } {
  mkdirSync(folder, { recursive: true });
  const saved: string[] = [];
  return {
    saved,
    async shot(page, name, fullPage = false) {
      const path = `${folder}/${name}.png`;
      await page.screenshot({ path, fullPage });
      saved.push(path);
    },
  };
}
