import { expect, test, type Page } from '@playwright/test';
import { layerForPlace, type VideoPlace } from '../../shared/src/stage.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { inboundStats, type Inbound } from '../../testkit/inboundStats.js';
import { startServer } from '../../testkit/serverProcess.js';
import { Classrooms } from '../support/browsers.js';
import { decodedMatch } from '../support/courseware.js';
import { closeOpenedPages, serverConsumers } from '../support/lesson.js';
import { correctDevices } from '../support/devices.js';
import { openSupportClassroom, outboundStats, publishedSources, type SupportClassroom } from '../support/supportClassroom.js';
import { recordTiming } from '../support/timing.js';

test.afterEach(closeOpenedPages);

/** Frames decoded per received source of one sender, summed over a page's rows. */
const decodedBySource = (rows: Inbound[], from: string): Record<string, { frames: number; width: number }> =>
  Object.fromEntries(rows.filter((r) => r.participantId === from && r.kind === 'video').map((r) => [r.source, { frames: r.framesDecoded, width: r.frameWidth }]));

async function shareCourseware(host: SupportClassroom): Promise<void> {
  await host.teacher.getByTestId('courseware-toggle').click();
  await expect.poll(async () => (await publishedSources(host.teacher)).map((p) => p.source)).toContain('courseware');
}

test('the support classroom publishes teacher, student and courseware pictures; every classroom decodes each, labelled', async () => {
  const links = await scheduleLesson({ title: '多画面' });
  const classrooms = new Classrooms();
  const host = await openSupportClassroom(links.teacher, true);
  try {
    const [a, b] = await Promise.all(links.classrooms.map((c) => classrooms.open(c.url, 'silence')));
    await expect.poll(async () => (await publishedSources(host.teacher)).map((p) => p.source).sort(), { timeout: 60_000 }).toEqual([
      'students',
      'teacher',
      'teacherMic',
    ]);
    await shareCourseware(host);
    // Courseware large, the city class in the corner: the teacher camera then runs in the classrooms' strip.
    await host.teacher.getByTestId('directing-coursewarePip').click();
    await host.teacher.getByTestId('directing-inset').selectOption('teacher|students');

    const published = await publishedSources(host.teacher);
    for (const page of [a!, b!]) {
      await expect(page.getByTestId('main-view')).toHaveAttribute('data-source', 'courseware');
      await expect(page.getByTestId('inset-view')).toHaveAttribute('data-source', 'students');
      await expect(page.getByTestId('teacher-tile')).toHaveAttribute('data-source', 'teacher');
      await expect
        .poll(async () => {
          const decoded = decodedBySource(await inboundStats(page), 'teacher');
          return Object.entries(decoded).map(([source, { frames }]) => `${source} ${frames > 5 ? 'decoded' : `only ${frames} frames`}`).sort();
        }, { timeout: 60_000 })
        .toEqual(['courseware decoded', 'students decoded', 'teacher decoded']);
      // Each received picture carries the tag its sender gave it.
      const rows = (await inboundStats(page)).filter((r) => r.participantId === 'teacher' && r.kind === 'video');
      expect(rows.map((r) => `${r.producerId} ${r.source}`).sort()).toEqual(
        rows.map((r) => `${r.producerId} ${published.find((p) => p.producerId === r.producerId)?.source}`).sort(),
      );
      await expect.poll(async () => decodedBySource(await inboundStats(page), 'teacher')['courseware']?.width ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(1280);
    }
  } finally {
    await host.close();
    await classrooms.close();
  }
});

/*
 * The limit is the SFU's: MAX_UPLINK_KBPS=1000 makes mediasoup tell the
 * teacher's browser (REMB) that its uplink carries 1 Mbit/s, so its encoders
 * must share 1 Mbit/s between the camera, the courseware and the voice, as on
 * a weak school line. (This machine has no netem; a shaping relay is what the
 * latency bench uses.) The figures reached are printed and kept in
 * bench/results/courseware-legibility.json.
 */
test('courseware stays legible in the classroom with the teacher’s uplink held to 1 Mbit/s', async () => {
  const server = await startServer({ env: { MAX_UPLINK_KBPS: '1000' } });
  const classrooms = new Classrooms();
  let host: SupportClassroom | null = null;
  try {
    const links = await scheduleLesson({ title: '课件清晰度' }, server);
    host = await openSupportClassroom(links.teacher, false);
    const a = await classrooms.open(links.classrooms[0]!.url, 'silence');
    await expect(host.teacher.getByTestId('classrooms-online')).toHaveAttribute('data-count', '1', { timeout: 60_000 });
    await shareCourseware(host);
    await expect(a.getByTestId('main-view')).toHaveAttribute('data-source', 'courseware', { timeout: 30_000 });
    // Sharp text needs a few seconds of refinement after the first key frame, as on any screen share.
    let match = { ratio: 0, width: 0, height: 0 };
    await expect
      .poll(async () => (match = await decodedMatch(a, '[data-testid="main-view"]')).ratio, { timeout: 120_000, intervals: [2_000] })
      .toBeGreaterThanOrEqual(0.95);

    const before = await outboundStats(host.teacher);
    const receivedBefore = await inboundStats(a);
    const seconds = 10;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const after = await outboundStats(host.teacher);
    const receivedAfter = await inboundStats(a);
    const kbps = (bytes: number) => Math.round((bytes * 8) / seconds / 1000);
    const sent = (rows: typeof before, source?: string) => rows.filter((r) => !source || r.source === source).reduce((sum, r) => sum + r.bytesSent, 0);
    const coursewareReceived = (rows: Inbound[]) => rows.filter((r) => r.source === 'courseware').reduce((sum, r) => sum + r.bytesReceived, 0);
    const courseware = after.find((r) => r.source === 'courseware')!;
    const figures = {
      uplink_limit_kbps: 1000,
      uplink_sent_kbps: kbps(sent(after) - sent(before)),
      courseware_sent_kbps: kbps(sent(after, 'courseware') - sent(before, 'courseware')),
      courseware_received_kbps: kbps(coursewareReceived(receivedAfter) - coursewareReceived(receivedBefore)),
      courseware_sent_size: `${courseware.frameWidth}x${courseware.frameHeight}`,
      courseware_sent_fps: courseware.framesPerSecond,
      courseware_decoded_size: `${match.width}x${match.height}`,
      pattern_match: match.ratio,
      quality_limitation: courseware.qualityLimitationReason,
      browser_uplink_estimate_kbps: courseware.availableOutgoingBitrate === null ? null : Math.round(courseware.availableOutgoingBitrate / 1000),
    };
    console.log('[courseware under 1 Mbit/s]', JSON.stringify(figures));
    const results = fileURLToPath(new URL('../../bench/results/', import.meta.url));
    mkdirSync(results, { recursive: true });
    writeFileSync(`${results}courseware-legibility.json`, JSON.stringify(figures, null, 2) + '\n');

    // The limit took effect (the whole uplink stays near 1 Mbit/s) and the slide kept its full size.
    expect(figures.uplink_sent_kbps).toBeLessThan(1300);
    expect(courseware.frameWidth).toBeGreaterThanOrEqual(1280);
    expect(match.width).toBeGreaterThanOrEqual(1280);
  } finally {
    await host?.close();
    await classrooms.close();
    await server.stop();
  }
});

/** Records, inside a classroom page, the moment each directing choice first shows on its screen. */
function watchStage(page: Page): Promise<void> {
  return page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { stageSeen: Record<string, number> }).stageSeen = seen;
    const note = () => {
      const choice = document.querySelector('[data-testid="stage"]')?.getAttribute('data-choice');
      if (choice && !(choice in seen)) seen[choice] = Date.now();
    };
    new MutationObserver(note).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-choice'], childList: true });
  });
}

const stageSeen = (page: Page, choice: string): Promise<number | null> =>
  page.evaluate((choice) => (window as unknown as { stageSeen: Record<string, number> }).stageSeen[choice] ?? null, choice);

/** Where this page shows each received picture: `from|source` → the largest place it has on screen. */
async function shownPlaces(page: Page, selfId: string): Promise<Map<string, VideoPlace>> {
  const tiles = await page.locator('.video-tile[data-participant-id][data-source]').evaluateAll((elements) =>
    elements.map((e) => ({ from: e.getAttribute('data-participant-id')!, source: e.getAttribute('data-source')!, place: e.getAttribute('data-place')! })),
  );
  const rank: Record<string, number> = { hidden: 0, tile: 1, half: 2, main: 3 };
  const places = new Map<string, VideoPlace>();
  for (const tile of tiles) {
    if (tile.from === selfId) continue;
    const key = `${tile.from}|${tile.source}`;
    if ((rank[tile.place] ?? 0) > (rank[places.get(key) ?? 'hidden'] ?? 0)) places.set(key, tile.place as VideoPlace);
  }
  return places;
}

/** Server truth against the screen: every video consumer sits where the page shows it (or is paused when not shown). */
async function consumersMatchScreen(lessonId: string, page: Page, selfId: string): Promise<string[]> {
  const shown = await shownPlaces(page, selfId);
  const problems: string[] = [];
  for (const consumer of await serverConsumers(lessonId, selfId)) {
    if (consumer.kind !== 'video') continue;
    const expected = shown.get(`${consumer.from}|${consumer.source}`) ?? 'hidden';
    const layer = consumer.source === 'courseware' ? null : layerForPlace(expected);
    if (consumer.place !== expected) problems.push(`${consumer.from}/${consumer.source}: place ${consumer.place}, shown ${expected}`);
    if (expected === 'hidden' ? !consumer.paused : consumer.paused) problems.push(`${consumer.from}/${consumer.source}: paused ${consumer.paused}, shown ${expected}`);
    if (layer !== null && consumer.preferredSpatialLayer !== layer) problems.push(`${consumer.from}/${consumer.source}: layer ${consumer.preferredSpatialLayer}, needs ${layer}`);
  }
  return problems;
}

test('the teacher switches the layout: every classroom shows it within a second and receives only the layers it shows', async () => {
  const links = await scheduleLesson({ title: '导播' });
  const classrooms = new Classrooms();
  const host = await openSupportClassroom(links.teacher, true);
  try {
    const pages = await Promise.all(links.classrooms.map((c) => classrooms.open(c.url, 'silence')));
    const ids = links.classrooms.map((c) => `classroom:${c.classroomId}`);
    await expect(host.teacher.getByTestId('classrooms-online')).toHaveAttribute('data-count', '2', { timeout: 60_000 });
    await shareCourseware(host);
    await Promise.all(pages.map((page) => expect(page.getByTestId('main-view')).toHaveAttribute('data-source', 'courseware')));

    for (const choice of ['teacherFull', 'sideBySide', 'grid', 'coursewarePip', 'auto'] as const) {
      await Promise.all(pages.map(watchStage));
      const clickedAt = await host.teacher.getByTestId(`directing-${choice}`).evaluate((button) => {
        const at = Date.now();
        (button as HTMLElement).click();
        return at;
      });
      for (const [index, page] of pages.entries()) {
        await expect.poll(() => stageSeen(page, choice), { timeout: 10_000 }).not.toBeNull();
        const elapsed = (await stageSeen(page, choice))! - clickedAt;
        recordTiming(`layout ${choice} → classroom screen`, elapsed);
        // The target is 1 s; a loaded 2-core machine running five browsers may take longer, so the bound is loose and the figure recorded.
        expect(elapsed).toBeLessThan(5_000);
        await expect.poll(() => consumersMatchScreen(links.lessonId, page, ids[index]!), { timeout: 10_000 }).toEqual([]);
      }
    }
  } finally {
    await host.close();
    await classrooms.close();
  }
});

test('a corrected camera mapping is kept on the server and used on the next join with no click', async () => {
  const links = await scheduleLesson({ title: '摄像头设置' });
  const classrooms = new Classrooms();
  try {
    const page = await classrooms.open(links.classrooms[0]!.url, 'silence', 3);
    const cameraOf = async (source: string) => (await publishedSources(page)).find((p) => p.source === source)?.label ?? null;
    // Three unnamed cameras: a classroom's first films the class, the second the assistant teacher, the third is a document camera.
    await expect.poll(() => cameraOf('students'), { timeout: 60_000 }).toBe('fake_device_0');
    await expect.poll(() => cameraOf('teacher')).toBe('fake_device_1');
    await expect.poll(() => cameraOf('document')).toBe('fake_device_2');

    // The class is really filmed by the third camera, the first films the teacher, the second is not used.
    await correctDevices(page, { fake_device_0: 'teacher', fake_device_1: 'off', fake_device_2: 'students' });
    await expect.poll(() => cameraOf('students')).toBe('fake_device_2');
    await expect.poll(() => cameraOf('teacher')).toBe('fake_device_0');
    await expect.poll(() => cameraOf('document')).toBeNull();

    await page.reload();
    await expect.poll(() => cameraOf('students'), { timeout: 60_000 }).toBe('fake_device_2');
    await expect.poll(() => cameraOf('teacher')).toBe('fake_device_0');
    await expect.poll(() => cameraOf('document')).toBeNull();
    await expect(page.getByTestId('device-settings')).toHaveCount(0);
    // And the other classrooms see it so: the teacher receives this classroom's student camera as its picture.
    const sent = async () => (await outboundStats(page)).find((r) => r.source === 'students')?.bytesSent ?? 0;
    const before = await sent();
    await expect.poll(sent, { timeout: 30_000 }).toBeGreaterThan(before);
  } finally {
    await classrooms.close();
  }
});
