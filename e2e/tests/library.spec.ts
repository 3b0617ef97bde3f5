import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { recordingDetailSchema, schoolSchema } from '../../shared/src/index.js';
import { adminToken, apiCall, createPerson } from '../../testkit/adminApi.js';
import { chromiumArgs } from '../../testkit/chromium.js';
import { LessonPages } from '../../testkit/lessonPages.js';
import { openTarget } from '../../testkit/pageTarget.js';
import { recordShortLesson } from '../../testkit/recordedLesson.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { probeMp4 } from '../../testkit/standInDirectedView.js';
import { waitForDirectedView } from '../../testkit/recordings.js';

/** A phone held upright (an iPhone 12–15's CSS viewport). */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** The player's position and the frames it has decoded so far. */
const playback = (page: Page) =>
  page.getByTestId('player-video').evaluate((video: HTMLVideoElement) => ({
    currentTime: video.currentTime,
    paused: video.paused,
    frames: video.getVideoPlaybackQuality().totalVideoFrames,
    width: video.videoWidth,
  }));

/** Waits for the next frame the player presents and returns its media time (s): frames really decode there. */
const nextFrameTime = (page: Page) =>
  page.getByTestId('player-video').evaluate(
    (video: HTMLVideoElement) => new Promise<number>((resolve) => video.requestVideoFrameCallback((_now, frame) => resolve(frame.mediaTime))),
  );

/*
 * Issue 14, test 4, through the real server and Debian's Chromium: a real
 * lesson (teacher and classroom pages, fake cameras) is recorded with a
 * floor grant and a layout change, and the server's directed-view job
 * builds its MP4 when the lesson ends. Then a phone-sized page (390×844) finds the lesson in
 * the library by subject and by teacher, plays it with range requests, seeks
 * by a chapter and by the timeline (frames decode after each seek), and cuts
 * a micro-lesson by marking in and out in the player: the clip lasts what
 * was marked (± 1 s) and ffprobe decodes it. A school admin outside the
 * lesson's scope finds nothing.
 */
test('a recorded lesson is found in the library, plays and seeks on a phone, and a micro-lesson is cut from it', async () => {
  test.setTimeout(300_000);
  const server: ServerProcess = await startServer();
  const pages = new LessonPages();
  let browser: Browser | null = null;
  try {
    const recorded = await recordShortLesson(server, pages, { title: '分数的初步认识', subject: '数学', grade: '四年级', teacherName: '陈老师' });
    await pages.close();
    // The lesson ended: the server's directed-view job builds its MP4.
    const directed = await waitForDirectedView(server.dataDir, recorded.recordingId);
    const probed = await probeMp4(directed);
    console.log(`[library] directed view: ${probed.durationMs} ms, ${probed.codecs.join('+')}, ${probed.decodedFrames} frames`);
    expect(probed.codecs).toEqual(['h264', 'aac']);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    const phone = await (await browser.newContext(PHONE)).newPage();
    phone.setDefaultTimeout(30_000);
    const mediaStatuses: number[] = [];
    phone.on('response', (r) => r.url().includes('/api/media/') && mediaStatuses.push(r.status()));
    await openTarget(phone, { url: `${server.url}/library`, signIn: recorded.lesson.teacherLogin });

    // Found by subject, then by teacher, in the page's own filters.
    await phone.getByTestId('library-filter-subject').selectOption('数学');
    await expect(phone.getByTestId('library-item-title')).toHaveText(['分数的初步认识']);
    await phone.getByTestId('library-clear').click();
    await phone.getByTestId('library-filter-teacher').selectOption({ label: '陈老师' });
    await expect(phone.getByTestId('library-item-title')).toHaveText(['分数的初步认识']);
    await expect(phone.getByTestId('library-item').first()).toHaveAttribute('data-kind', 'recording');

    // Outside the scope: a school admin of a school neither in the lesson nor paired with its host finds nothing.
    const lone = await apiCall(server.url, '/schools', schoolSchema, { token: await adminToken(server), body: { name: '孤山小学', kind: 'receiving' } });
    const outsider = await createPerson({ role: 'schoolAdmin', schoolId: lone.id }, server);
    const outsiderPage = await (await browser.newContext(PHONE)).newPage();
    await openTarget(outsiderPage, { url: `${server.url}/library?subject=数学`, signIn: outsider });
    await expect(outsiderPage.getByTestId('library-none')).toBeVisible();
    await outsiderPage.goto(`${server.url}/library/recording/${recorded.recordingId}`);
    await expect(outsiderPage.getByTestId('load-failed')).toBeVisible();
    await expect(outsiderPage.getByTestId('player-video')).toHaveCount(0);
    // Its page closes: a page behind another gets no animation frames in headless Chromium, and clicks wait for them.
    await outsiderPage.context().close();
    await phone.bringToFront();

    // The player: it plays on the phone.
    await phone.getByTestId('library-open').click();
    await expect(phone).toHaveURL(new RegExp(`/library/recording/${recorded.recordingId}$`));
    const video = phone.getByTestId('player-video');
    await expect(video).toBeVisible();
    const box = await video.boundingBox();
    expect(box!.width, 'the video spans the phone').toBeGreaterThanOrEqual(360);
    await video.evaluate((v: HTMLVideoElement) => v.play());
    await expect.poll(async () => (await playback(phone)).currentTime, { timeout: 20_000 }).toBeGreaterThan(1);
    const playing = await playback(phone);
    expect(playing.frames, 'frames decoded while playing').toBeGreaterThan(5);
    expect(playing.width).toBe(1280);

    // The chapters: the start, the floor grant, the grid layout; each jumps there and frames decode from there.
    const chapters = (await apiCall(server.url, `/recordings/${recorded.recordingId}`, recordingDetailSchema, { token: recorded.lesson.teacherToken })).chapters;
    expect(chapters.map((c) => c.kind)).toEqual(expect.arrayContaining(['start', 'floorGranted', 'layout']));
    await expect(phone.getByTestId('chapter')).toHaveCount(chapters.length);
    await expect(phone.locator('[data-testid="chapter"][data-kind="floorGranted"]')).toContainText('获得发言');
    for (const kind of ['layout', 'floorGranted'] as const) {
      const target = chapters.find((c) => c.kind === kind)!.atMs / 1000;
      const before = (await playback(phone)).frames;
      await phone.locator(`[data-testid="chapter"][data-kind="${kind}"]`).click();
      await expect.poll(async () => Math.abs((await playback(phone)).currentTime - target), { message: `seeked to the ${kind} chapter` }).toBeLessThan(1.5);
      const mediaTime = await nextFrameTime(phone);
      expect(Math.abs(mediaTime - target), `a frame decoded at the ${kind} chapter`).toBeLessThan(2);
      await expect.poll(async () => (await playback(phone)).frames).toBeGreaterThan(before);
    }
    // A seek by the video's own timeline (as a thumb on its scrubber does).
    await video.evaluate((v: HTMLVideoElement) => (v.currentTime = 2));
    await expect.poll(async () => Math.abs((await playback(phone)).currentTime - 2)).toBeLessThan(1.5);
    expect(await nextFrameTime(phone)).toBeGreaterThanOrEqual(1.5);
    expect(mediaStatuses, 'the player asked for ranges').toContain(206);
    expect(mediaStatuses.filter((s) => s >= 400)).toEqual([]);

    // 评课 on the replay: a comment at the playing moment becomes a marker there, and the marker jumps back to it.
    await video.evaluate(async (v: HTMLVideoElement) => {
      v.pause();
      v.currentTime = 3;
      await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
    });
    await phone.getByTestId('replay-comment-text').fill('这里的提问很好');
    await phone.getByTestId('replay-comment-send').click();
    const marker = phone.getByTestId('comment-marker');
    await expect(marker).toHaveCount(1);
    expect(Math.abs(Number(await marker.getAttribute('data-at-ms')) - 3000)).toBeLessThan(500);
    await expect(phone.getByTestId('replay-comment')).toContainText('这里的提问很好');
    await video.evaluate((v: HTMLVideoElement) => (v.currentTime = 8));
    await marker.click();
    await expect.poll(async () => Math.abs((await playback(phone)).currentTime - 3)).toBeLessThan(1.5);

    // 微课: in at 4 s, out at 10 s, marked in the player; it is made with progress, listed, and lasts 6 s.
    const mark = async (seconds: number, button: 'clip-set-in' | 'clip-set-out') => {
      await video.evaluate(async (v: HTMLVideoElement, s: number) => {
        v.pause();
        v.currentTime = s;
        await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
      }, seconds);
      await phone.getByTestId(button).click();
    };
    await mark(4, 'clip-set-in');
    await mark(10, 'clip-set-out');
    await expect(phone.getByTestId('clip-marks')).toContainText('0:04');
    await expect(phone.getByTestId('clip-marks')).toContainText('0:10');
    await phone.getByTestId('clip-title').fill('分数的意义');
    await phone.getByTestId('clip-description').fill('用折纸认识二分之一');
    await phone.getByTestId('clip-make').click();
    await expect(phone.getByTestId('clip-item')).toHaveCount(1);
    await expect(phone.getByTestId('clip-item')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    const [clip] = (await apiCall(server.url, `/recordings/${recorded.recordingId}`, recordingDetailSchema, { token: recorded.lesson.teacherToken })).clips;
    console.log(`[library] micro-lesson ${clip!.inMs}–${clip!.outMs} ms by ${clip!.method}: ${clip!.durationMs} ms, ${clip!.sizeBytes} bytes`);
    expect(Math.abs(clip!.durationMs! - 6000)).toBeLessThanOrEqual(1000);
    const clipFile = await probeMp4(join(recorded.dir, 'clips', `${clip!.id}.mp4`));
    expect(Math.abs(clipFile.durationMs - 6000)).toBeLessThanOrEqual(1000);
    expect(clipFile.decodedFrames, 'ffprobe decodes the micro-lesson').toBeGreaterThanOrEqual(40);

    // Listed in the library, and it plays.
    await phone.goto(`${server.url}/library?q=${encodeURIComponent('折纸')}`);
    await expect(phone.getByTestId('library-item-title')).toHaveText(['分数的意义']);
    await phone.getByTestId('library-open').click();
    await phone.getByTestId('player-video').evaluate((v: HTMLVideoElement) => v.play());
    await expect.poll(async () => (await playback(phone)).currentTime, { timeout: 20_000 }).toBeGreaterThan(1);
  } finally {
    await pages.close();
    await browser?.close();
    await server.stop();
  }
});
