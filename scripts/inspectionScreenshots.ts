/**
 * `npm run screenshots:inspection`: starts a server on loopback, puts five
 * lessons on air with light teachers (ffmpeg's test pattern and a tone, see
 * testkit/light/ffmpegSender) and saves the bureau admin's 在线巡课 under
 * docs/screenshots/inspection/: the grid, one tile heard, one lesson large
 * with a 巡课记录, and the grid in English. Nothing leaves 127.0.0.1.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { connectClient, type RawClient } from '../server/test/support/signallingClient.js';
import { createPerson, scheduleLesson } from '../testkit/adminApi.js';
import { chromiumArgs } from '../testkit/chromium.js';
import { sendFromFfmpeg, type FfmpegSender } from '../testkit/light/ffmpegSender.js';
import { openTarget, type PageTarget } from '../testkit/pageTarget.js';
import { startServer } from '../testkit/serverProcess.js';
import { screenshotFolder } from './support/screenshotFolder.js';

const { shot, saved } = screenshotFolder('docs/screenshots/inspection');
const titles = ['四年级语文 ·《桂林山水》', '三年级数学 · 两位数乘法', '五年级英语 · My Family', '四年级科学 · 植物的一生', '六年级音乐 · 茉莉花'];
const server = await startServer({ env: { LOG_LEVEL: 'warn' } });
let browser: Browser | null = null;
const senders: FfmpegSender[] = [];
const clients: RawClient[] = [];
try {
  for (const [index, title] of titles.entries()) {
    const lesson = await scheduleLesson({ title, classroomIds: index % 2 ? ['hewan-4-2'] : ['shanping-4', 'hewan-4-2'] }, server);
    const teacher = await connectClient(server.url, lesson.teacherToken);
    clients.push(teacher);
    await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    senders.push(await sendFromFfmpeg(teacher.ok, { camera: 'teacher', toneHz: 440 + 110 * index, firstSsrc: 9000 + 10 * index }));
    await teacher.ok({ type: 'setLessonStatus', status: 'live' });
    if (index % 2 === 0) {
      const classroom = await connectClient(server.url, lesson.classrooms[0]!.token);
      clients.push(classroom);
      await classroom.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId: lesson.classrooms[0]!.classroomId });
    }
  }
  const admin = await createPerson({ role: 'bureauAdmin', name: '钱督学' }, server);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const page = await open({ url: `${server.url}/inspection`, signIn: admin });
  await allDecoding(page, titles.length);
  await shot(page, 'inspection-grid', true);
  await page.getByTestId('inspection-listen').nth(1).click();
  await page.waitForTimeout(500);
  await shot(page, 'inspection-heard', true);
  await page.getByTestId('inspection-enlarge').first().click();
  await page.getByTestId('inspection-note-text').fill('课堂秩序良好，学生回答积极；农村教室声音清楚。');
  await page.getByTestId('inspection-note-save').click();
  await page.getByTestId('inspection-note').waitFor();
  await page.waitForTimeout(1000);
  await shot(page, 'inspection-large-note');
  await page.context().close();
  const english = await open({ url: `${server.url}/inspection?lang=en`, signIn: admin });
  await allDecoding(english, titles.length);
  await shot(english, 'inspection-grid-en', true);
  console.log(`saved ${saved.join(', ')}`);
} finally {
  for (const sender of senders) await sender.stop();
  for (const client of clients) client.close();
  await browser?.close();
  await server.stop();
}

async function open(target: PageTarget): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await openTarget(page, target);
  return page;
}

/** Until every tile shows a picture (its video has a frame size). */
async function allDecoding(page: Page, count: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const playing = await page.locator('video.inspection-tile__video').evaluateAll((videos) => videos.filter((v) => (v as HTMLVideoElement).videoWidth > 0).length);
    if (playing >= count) return;
    await page.waitForTimeout(200);
  }
  throw new Error('not every tile shows its picture');
}
