import { openTarget, targetUrl, type PageTarget } from '../../testkit/pageTarget.js';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { ConsumerView } from '../../shared/src/api.js';
import { runServer, serverReceiver, type AdminTarget } from '../../testkit/adminApi.js';
import { installPageHooks } from '../../testkit/pageHooks.js';

const openContexts: BrowserContext[] = [];

/**
 * Opens a link in its own browser context (its own "computer"); closed by
 * `closeOpenedPages` after the test. With `peers`, the page's peer
 * connections are kept where the test can ask them for getStats (freezes.ts).
 */
export async function openPage(browser: Browser, target: PageTarget, options: { peers?: boolean } = {}): Promise<Page> {
  const url = targetUrl(target);
  const context = await browser.newContext();
  openContexts.push(context);
  if (options.peers) await installPageHooks(context, null);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.log(`[page ${new URL(url).pathname}] ${message.text()}`);
  });
  await openTarget(page, target);
  return page;
}

/**
 * Closes every page a test opened. Without it a finished test's classrooms
 * keep encoding and decoding video through every later test, and the two
 * cores of this machine end up measuring the pile-up.
 */
export async function closeOpenedPages(): Promise<void> {
  await Promise.all(openContexts.splice(0).map((context) => context.close().catch(() => undefined)));
}

/** Every consumer of one receiver. */
export async function serverConsumers(lessonId: string, receiverId: string, target: AdminTarget = runServer()): Promise<ConsumerView[]> {
  return (await serverReceiver(lessonId, receiverId, target))?.consumers ?? [];
}

/** The simulcast layer a receiver asked for from a sender's camera. */
export async function preferredLayer(lessonId: string, receiverId: string, senderId: string, target: AdminTarget = runServer()): Promise<number | null> {
  const consumer = (await serverConsumers(lessonId, receiverId, target)).find((c) => c.from === senderId && c.kind === 'video');
  return consumer?.preferredSpatialLayer ?? null;
}

export { mediaCounts } from '../../testkit/health.js';
