import { openTarget, targetUrl, type PageTarget } from '../../testkit/pageTarget.js';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { installPageHooks } from '../../testkit/pageHooks.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { openLink, UdpRelay } from '../../testkit/udpRelay.js';
import { expectDecoding } from '../support/decoding.js';
import { recordTiming } from '../support/timing.js';

/** Delay the relay adds on the impaired classroom's downlink (and uplink). */
const ADDED_MS = 400;

let server: ServerProcess;
let relay: UdpRelay;
const contexts: BrowserContext[] = [];

// Its own server: the relay needs to know the SFU's media port.
test.beforeAll(async () => {
  server = await startServer();
  const impaired = { ...openLink, delayMs: ADDED_MS };
  relay = await UdpRelay.open({ port: server.rtcPort }, impaired, impaired);
});

test.afterAll(async () => {
  relay?.close();
  await server?.stop();
});

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close().catch(() => undefined)));
});

async function open(browser: Browser, target: PageTarget, throughRelay: boolean): Promise<Page> {
  const url = targetUrl(target);
  const context = await browser.newContext();
  contexts.push(context);
  await installPageHooks(context, throughRelay ? { rtcPort: server.rtcPort, relayPort: relay.port } : null);
  const page = await context.newPage();
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && console.log(`[page ${new URL(url).pathname}] ${m.text()}`));
  await openTarget(page, target);
  return page;
}

/** The figure (median ms) the teacher's table shows for a classroom, or null. */
async function cell(teacher: Page, classroomId: string, kind: string): Promise<number | null> {
  const value = await teacher.locator(`[data-testid="latency-row"][data-classroom-id="${classroomId}"] [data-kind="${kind}"]`).getAttribute('data-ms');
  return value === null ? null : Number(value);
}

test('the latency probe measures every classroom, and a delayed link shows in its video figure', async ({ browser }) => {
  // Its own server, three pages and a 10 s check: longer than the default on a loaded machine.
  test.setTimeout(300_000);
  const links = await scheduleLesson({ title: '延迟检测' }, server);
  const [a, b] = links.classrooms;
  const idA = `classroom:${a!.classroomId}`;
  const idB = `classroom:${b!.classroomId}`;
  const teacher = await open(browser, links.teacher, false);
  const direct = await open(browser, a!.url, false);
  const delayed = await open(browser, b!.url, true);
  await expectDecoding(direct, 'teacher', ['video']);
  await expectDecoding(delayed, 'teacher', ['video']);
  await expectDecoding(teacher, idA, ['video']);
  await expectDecoding(teacher, idB, ['video']);
  // The relay really carries B's media.
  expect(relay.down.stats.packets).toBeGreaterThan(100);

  await teacher.getByTestId('latency-probe-start').click();
  const rows = teacher.locator('[data-testid="latency-row"][data-reported="true"]');
  await expect(rows).toHaveCount(2, { timeout: 120_000 });

  const figures: Record<string, Record<string, number | null>> = {};
  for (const [name, id] of [['direct', idA], ['delayed', idB]] as const) {
    figures[name] = {};
    for (const kind of ['down-video', 'down-audio', 'up-video', 'up-audio', 'skew', 'round-trip']) {
      const value = await cell(teacher, id, kind);
      figures[name]![kind] = value;
      if (value !== null) recordTiming(`latency probe ${name} classroom ${kind}`, value);
    }
  }
  console.log('[latency probe]', JSON.stringify(figures));

  // A result for each classroom, in both directions.
  for (const name of ['direct', 'delayed']) {
    expect(figures[name]!['down-video'], `${name}: teacher → classroom video`).not.toBeNull();
    expect(figures[name]!['up-video'], `${name}: classroom → teacher video`).not.toBeNull();
  }
  // The delayed classroom's pictures arrive later by roughly the added delay
  // in each direction. Down + up together: that sum does not depend on the
  // clock estimates, and it halves the noise of this shared 2-core machine,
  // so only sign and size are checked (expected: 2 × ADDED_MS).
  const roundTrip = (name: string): number => figures[name]!['down-video']! + figures[name]!['up-video']!;
  const grew = roundTrip('delayed') - roundTrip('direct');
  recordTiming('latency probe: video down+up grew by (added 2 × 400 ms)', grew);
  expect(grew).toBeGreaterThan(ADDED_MS);
  expect(grew).toBeLessThan(2 * ADDED_MS + 2000);

  // The camera is back after the probe: the teacher's picture is the camera again, not the pattern.
  await expect
    .poll(() => direct.evaluate(() => (window as unknown as { tongtangLatency: { state(): { running: boolean } } }).tongtangLatency.state().running))
    .toBe(false);
});
