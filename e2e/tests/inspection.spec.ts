import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import type { JoinedLesson, PublishedTrack } from '@shared';
import { connectClient, type RawClient } from '../../server/test/support/signallingClient.js';
import { createPerson, lessonMedia, liveLesson, scheduleLesson, type ScheduledLesson } from '../../testkit/adminApi.js';
import { chromiumArgs } from '../../testkit/chromium.js';
import { followLesson } from '../../testkit/lessonEvents.js';
import { sendFromFfmpeg, type FfmpegSender } from '../../testkit/light/ffmpegSender.js';
import { receiveLight } from '../../testkit/light/lightParticipant.js';
import type { MediasoupLink } from '../../testkit/light/mediasoupLink.js';
import { openTarget } from '../../testkit/pageTarget.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

type Row = { kind: 'audio' | 'video'; framesDecoded: number; packetsReceived: number; totalAudioEnergy: number; frameWidth: number };
type Hooks = { tongtangInspection: { stats(): Promise<Array<{ lessonId: string; rows: Row[] }>> } };

/** Per lesson of the grid: video frames decoded and audio packets and energy received so far. */
async function tileCounters(page: Page): Promise<Map<string, { frames: number; width: number; packets: number; energy: number }>> {
  const all = await page.evaluate(() => (window as unknown as Hooks).tongtangInspection.stats());
  return new Map(
    all.map(({ lessonId, rows }) => {
      const video = rows.find((r) => r.kind === 'video');
      const audio = rows.filter((r) => r.kind === 'audio');
      return [lessonId, { frames: video?.framesDecoded ?? 0, width: video?.frameWidth ?? 0, packets: audio.reduce((s, r) => s + r.packetsReceived, 0), energy: audio.reduce((s, r) => s + r.totalAudioEnergy, 0) }];
    }),
  );
}

/** Which lessons' sound arrived at the admin's page over `windowMs` (packets and real audio energy rising). */
async function heardOver(page: Page, windowMs: number): Promise<string[]> {
  const before = await tileCounters(page);
  await page.waitForTimeout(windowMs);
  const after = await tileCounters(page);
  return [...after].filter(([id, now]) => now.packets > (before.get(id)?.packets ?? 0) && now.energy - (before.get(id)?.energy ?? 0) > 1e-4).map(([id]) => id);
}

/** The SFU's view of the inspector's consumer of a lesson's video. */
async function inspectorVideo(lesson: ScheduledLesson, server: ServerProcess) {
  const receiver = (await lessonMedia(lesson.lessonId, server))?.receivers.find((r) => r.participantId.startsWith('inspector:'));
  return receiver?.consumers.find((c) => c.kind === 'video') ?? null;
}

/*
 * Test 3 of the bureau issue, 在线巡课 in Chromium. Three live lessons: one
 * taught from a real teacher page (simulcast camera, watched large by a
 * classroom), two by light teachers sending ffmpeg's VP8 and Opus. A bureau
 * admin opens the grid from the admin page: every tile decodes its lesson at
 * the lowest layer; she hears only the tile she selects; 放大观看 takes the
 * top layer and pauses the other pictures; a 巡课记录 is stamped with its
 * time. Nothing on the teacher's page, in a classroom's notices, the live
 * view or the event feed ever shows her.
 */
test('an admin inspects three live lessons, hears only the one selected, and nobody in them sees her', async () => {
  test.setTimeout(240_000);
  const server = await startServer({ env: { LOG_LEVEL: 'warn' } });
  let browser: Browser | null = null;
  const senders: FfmpegSender[] = [];
  const clients: RawClient[] = [];
  const links: MediasoupLink[] = [];
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    const open = async (target: Parameters<typeof openTarget>[1], viewport = { width: 1280, height: 900 }) => {
      const page = await (await browser!.newContext({ viewport })).newPage();
      page.setDefaultTimeout(20_000);
      await openTarget(page, target);
      return page;
    };

    // Lesson 1: a real teacher page, and a light classroom showing her large (so her camera sends every layer).
    const first = await scheduleLesson({ title: '巡课 · 语文', classroomIds: ['shanping-4'] }, server);
    const teacherPage = await open(first.teacher);
    const classroom = await connectClient(server.url, first.classrooms[0]!.token);
    clients.push(classroom);
    const joined = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId: first.lessonId, role: 'classroom', classroomId: 'shanping-4' });
    let camera: PublishedTrack | undefined = joined.tracks.find((t) => t.participantId === 'teacher' && t.source === 'teacher');
    while (!camera) {
      const notice = await classroom.notice('trackPublished', classroom.notices.length, 30_000);
      if (notice.track.participantId === 'teacher' && notice.track.source === 'teacher') camera = notice.track;
    }
    links.push((await receiveLight(classroom.ok, joined, [camera.producerId], 'main')).link);
    await teacherPage.getByTestId('start-lesson').click();
    await expect(teacherPage.getByTestId('classrooms-online')).toHaveAttribute('data-count', '1');

    // Lessons 2 and 3: light teachers, each its own tone.
    const lessons = [first];
    for (const [index, subject] of ['数学', '英语'].entries()) {
      const lesson = await scheduleLesson({ title: `巡课 · ${subject}`, classroomIds: ['hewan-4-2'] }, server);
      const teacher = await connectClient(server.url, lesson.teacherToken);
      clients.push(teacher);
      await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
      senders.push(await sendFromFfmpeg(teacher.ok, { camera: 'teacher', toneHz: 660 + 220 * index, firstSsrc: 7100 + 10 * index }));
      await teacher.ok({ type: 'setLessonStatus', status: 'live' });
      lessons.push(lesson);
    }
    const ids = lessons.map((l) => l.lessonId);
    const feeds = await Promise.all(ids.map((id) => followLesson(id, server)));
    const noticesFrom = clients.map((c) => c.notices.length);

    // The bureau admin goes from the admin page to the grid.
    const bureauAdmin = await createPerson({ role: 'bureauAdmin', name: '钱督学' }, server);
    const admin = await open({ url: `${server.url}/admin#lessons`, signIn: bureauAdmin });
    await admin.getByTestId('inspection-link').click();
    await expect(admin.getByTestId('inspection-page')).toHaveAttribute('data-phase', 'signedIn');
    await expect(admin.getByTestId('inspection-count')).toHaveAttribute('data-total', '3');
    await expect(admin.getByTestId('inspection-tile')).toHaveCount(3);
    expect(await admin.getByTestId('inspection-tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-lesson-id')))).toEqual(ids);

    // Every tile decodes its lesson, at the lowest simulcast layer where there are layers.
    await expect
      .poll(async () => {
        const before = await tileCounters(admin);
        await admin.waitForTimeout(1000);
        const after = await tileCounters(admin);
        return ids.filter((id) => (after.get(id)?.frames ?? 0) > (before.get(id)?.frames ?? 0) && (after.get(id)?.width ?? 0) > 0).length;
      }, { message: 'all three tiles decode pictures', timeout: 60_000 })
      .toBe(3);
    await expect.poll(async () => (await inspectorVideo(first, server))?.preferredSpatialLayer, { message: 'the real camera is watched at its lowest layer' }).toBe(0);
    expect((await tileCounters(admin)).get(first.lessonId)!.width).toBeLessThanOrEqual(320);

    // Nothing heard until a tile is selected; then only that lesson.
    expect(await heardOver(admin, 2000)).toEqual([]);
    await admin.locator(`[data-testid="inspection-tile"][data-lesson-id="${ids[1]}"]`).getByTestId('inspection-listen').click();
    await expect(admin.locator(`[data-testid="inspection-tile"][data-lesson-id="${ids[1]}"]`)).toHaveAttribute('data-heard', 'true');
    await expect.poll(() => heardOver(admin, 1500), { message: 'only lesson 2 is heard', timeout: 20_000 }).toEqual([ids[1]]);
    await admin.locator(`[data-testid="inspection-tile"][data-lesson-id="${ids[0]}"]`).getByTestId('inspection-listen').click();
    await expect.poll(() => heardOver(admin, 1500), { message: 'only lesson 1 is heard', timeout: 20_000 }).toEqual([ids[0]]);

    // 放大观看: the top layer for that lesson, the other pictures paused at the SFU.
    await admin.locator(`[data-testid="inspection-tile"][data-lesson-id="${ids[0]}"]`).getByTestId('inspection-enlarge').click();
    await expect(admin.getByTestId('inspection-large')).toHaveAttribute('data-lesson-id', ids[0]!);
    await expect.poll(async () => (await inspectorVideo(first, server))?.preferredSpatialLayer, { message: 'large takes the top layer' }).toBe(2);
    for (const lesson of lessons.slice(1)) await expect.poll(async () => (await inspectorVideo(lesson, server))?.paused, { message: 'the other pictures pause' }).toBe(true);

    // 巡课记录, stamped with its time.
    const before = Date.now();
    await admin.getByTestId('inspection-note-text').fill('课堂秩序良好，学生互动积极');
    await admin.getByTestId('inspection-note-save').click();
    const note = admin.getByTestId('inspection-note');
    await expect(note).toHaveCount(1);
    await expect(note).toContainText('课堂秩序良好，学生互动积极');
    await expect(note).toContainText('钱督学');
    await expect(note).toContainText(/第 \d+:\d\d 分钟/);
    const at = Number(await note.getAttribute('data-at'));
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
    await admin.getByTestId('inspection-back').click();
    await expect(admin.getByTestId('inspection-large')).toHaveCount(0);

    // Nobody in the lessons saw her: the teacher's page, her observer list, a classroom's and the teachers' notices, the live views, the feeds.
    await expect(teacherPage.getByTestId('classrooms-online')).toHaveAttribute('data-count', '1');
    await teacherPage.getByTestId('observer-list-button').click();
    await expect(teacherPage.getByTestId('observer-list')).toHaveAttribute('data-count', '0');
    expect(await teacherPage.locator('body').innerText()).not.toContain('钱督学');
    for (const [index, client] of clients.entries()) {
      const seen = JSON.stringify(client.notices.slice(noticesFrom[index]));
      expect(seen).not.toContain('inspector:');
      expect(seen).not.toContain('钱督学');
    }
    for (const lesson of lessons) {
      expect((await liveLesson(lesson.lessonId, server)).participants.map((p) => p.id).join()).not.toContain('inspector:');
    }
    for (const feed of feeds) {
      expect(JSON.stringify(feed.events)).not.toContain('inspector:');
      feed.close();
    }
  } finally {
    for (const sender of senders) await sender.stop();
    for (const link of links) await link.close().catch(() => undefined);
    for (const client of clients) client.close();
    await browser?.close();
    await server.stop();
  }
});
