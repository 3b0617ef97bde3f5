import { openTarget, type PageTarget } from './pageTarget.js';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs } from './chromium.js';
import { installPageHooks } from './pageHooks.js';

/**
 * Pages of one test, each in its own Chromium (its own fake devices and
 * network stack), with the page hooks installed; `relay` routes a page's
 * media through a UDP relay (see ClassroomNetwork).
 */
export class LessonPages {
  private readonly browsers: Browser[] = [];

  /** Console errors and warnings are printed, prefixed with `name`, unless `quiet` (the bench's table stays readable). */
  constructor(private readonly quiet = false) {}

  async open(target: PageTarget, name: string, relay: { rtcPort: number; relayPort: number } | null = null): Promise<Page> {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    this.browsers.push(browser);
    const context = await browser.newContext({ viewport: { width: 960, height: 540 } });
    await installPageHooks(context, relay);
    const page = await context.newPage();
    if (!this.quiet) page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && console.log(`[${name}] ${m.text()}`));
    await openTarget(page, target);
    return page;
  }

  async close(): Promise<void> {
    await Promise.all(this.browsers.splice(0).map((browser) => browser.close()));
  }
}
