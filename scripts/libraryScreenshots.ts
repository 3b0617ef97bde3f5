/**
 * `npm run screenshots:library`: starts a server on loopback, records a real
 * short lesson (teacher and classroom pages in Chromium with fake cameras: a
 * floor grant, the grid layout, 下课), waits for the server's directed-view
 * job to build its MP4, cuts a micro-lesson through the API, and saves
 * the library and its player as a phone (390×844) and a desk (1280×800)
 * show them under docs/screenshots/library/. Nothing leaves 127.0.0.1.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { screenshotFolder } from './support/screenshotFolder.js';
import { chromiumArgs } from '../testkit/chromium.js';
import { cutClip } from '../testkit/library.js';
import { LessonPages } from '../testkit/lessonPages.js';
import { openTarget } from '../testkit/pageTarget.js';
import { recordShortLesson } from '../testkit/recordedLesson.js';
import { startServer } from '../testkit/serverProcess.js';
import { waitForDirectedView } from '../testkit/recordings.js';

const { shot, saved } = screenshotFolder('docs/screenshots/library');
const sizes = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 } },
} as const;

const server = await startServer();
const pages = new LessonPages(true);
let browser: Browser | null = null;
try {
  const recorded = await recordShortLesson(server, pages, { title: '四年级数学 · 分数的初步认识', subject: '数学', grade: '四年级', teacherName: '陈老师' });
  await pages.close();
  await waitForDirectedView(server.dataDir, recorded.recordingId);
  await cutClip(server.url, recorded.lesson.teacherToken, recorded.recordingId, { title: '分数的意义', description: '用折纸认识二分之一', inMs: 4000, outMs: 10_000 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  for (const [name, size] of Object.entries(sizes)) {
    const page = await (await browser.newContext(size)).newPage();
    await openTarget(page, { url: `${server.url}/library`, signIn: recorded.lesson.teacherLogin });
    await page.getByTestId('library-item').first().waitFor();
    await shot(page, `library-${name}`);
    await page.goto(`${server.url}/library/recording/${recorded.recordingId}`);
    const video = page.getByTestId('player-video');
    await video.waitFor();
    // A frame from the middle of the lesson, paused there, with the clip marks set.
    await video.evaluate(async (v: HTMLVideoElement) => {
      await new Promise((r) => (v.readyState >= 1 ? r(null) : v.addEventListener('loadedmetadata', r, { once: true })));
      v.currentTime = 6;
      await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
    });
    await page.getByTestId('clip-set-in').click();
    await video.evaluate(async (v: HTMLVideoElement) => {
      v.currentTime = 12;
      await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
    });
    await page.getByTestId('clip-set-out').click();
    await page.getByTestId('clip-title').fill('认识分母');
    await page.waitForTimeout(500);
    await shot(page, `player-${name}`, true);
  }
  console.log(`saved ${saved.join(', ')}`);
} finally {
  await pages.close();
  await browser?.close();
  await server.stop();
}
