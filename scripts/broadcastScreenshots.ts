/**
 * `npm run screenshots:broadcasts`: starts a server on loopback and takes a
 * broadcast through its pages — the teacher's application (申请直播), the
 * bureau's review (直播审核) with one waiting, the rehearsal (彩排) in the
 * teacher's lesson page, then live: the teacher's header with its viewer
 * count, the viewers' page on a phone (HLS, upright and sideways) and a
 * viewer's real-time page, a viewer's question (观众提问) asked, waiting
 * on the teacher's page and shown on every screen — saved under docs/screenshots/broadcasts/.
 * Nothing leaves 127.0.0.1.
 */
import { chromium, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { broadcastOutputSchema, broadcastSchema } from '../shared/src/index.js';
import { apiCall, createPerson, signIn } from '../testkit/adminApi.js';
import { chromiumArgs } from '../testkit/chromium.js';
import { joinLightViewers } from '../testkit/light/lightObservers.js';
import { openTarget, type PageTarget } from '../testkit/pageTarget.js';
import { startServer } from '../testkit/serverProcess.js';
import { screenshotFolder } from './support/screenshotFolder.js';

const { shot, saved } = screenshotFolder('docs/screenshots/broadcasts');
const localInput = (at: number) => new Date(at - new Date(at).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const server = await startServer({ env: { LOG_LEVEL: 'warn', LIVE_OUTPUT_HEIGHT: '360', LIVE_OUTPUT_VIDEO_KBPS: '700' } });
let browser: Browser | null = null;
const closers: Array<() => Promise<void>> = [];
try {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const teacher = await createPerson({ role: 'teacher', schoolId: 'chengguan', name: '周老师' }, server);
  const bureau = await createPerson({ role: 'bureauAdmin', name: '赵科长' }, server);

  // 申请直播
  const teach = await open({ url: `${server.url}/broadcasts`, signIn: teacher });
  await teach.getByTestId('broadcast-title').fill('名师课：圆的面积');
  await teach.getByTestId('broadcast-host').selectOption('chengguan-4-1');
  await teach.getByTestId('broadcast-subject').fill('数学');
  await teach.getByTestId('broadcast-grade').fill('六年级');
  await teach.getByTestId('broadcast-starts').fill(localInput(Date.now() + 3600_000));
  await teach.getByTestId('broadcast-ends').fill(localInput(Date.now() + 2 * 3600_000));
  await teach.getByTestId('broadcast-viewers').fill('2000');
  await teach.locator('[data-testid="broadcast-classroom"][data-classroom-id="shanping-4"]').check();
  await shot(teach, 'broadcast-apply', true);
  await teach.getByTestId('broadcast-submit').click();
  await teach.getByTestId('broadcast-sent').waitFor();
  const card = teach.getByTestId('broadcast-card').filter({ hasText: '名师课：圆的面积' });
  const id = (await card.getAttribute('data-broadcast-id'))!;

  // 直播审核
  const review = await open({ url: `${server.url}/broadcasts`, signIn: bureau });
  await review.getByTestId('broadcast-pending').waitFor();
  await shot(review, 'broadcast-review', true);
  const reviewCard = review.locator(`[data-testid="broadcast-card"][data-broadcast-id="${id}"]`);
  await reviewCard.getByTestId('broadcast-approve').click();
  await reviewCard.getByTestId('broadcast-schedule').click();
  await review.locator(`[data-testid="broadcast-card"][data-broadcast-id="${id}"][data-state="scheduled"]`).waitFor();

  // 彩排: the teacher opens it and enters her lesson.
  await teach.reload();
  const teacherCard = teach.locator(`[data-testid="broadcast-card"][data-broadcast-id="${id}"]`);
  await teacherCard.getByTestId('broadcast-openRehearsal').click();
  await teacherCard.getByTestId('broadcast-enter').waitFor();
  await shot(teach, 'broadcast-rehearsal-card', true);
  await teacherCard.getByTestId('broadcast-enter').click();
  await teach.getByTestId('teacher-page').waitFor();
  await teach.waitForTimeout(4000);
  await shot(teach, 'broadcast-rehearsal-lesson');

  // 开始直播, by the bureau; then fifty viewers and the viewers' pages.
  const admin = (await signIn(server.url, bureau.login, bureau.password)).accessToken;
  await apiCall(server.url, `/broadcasts/${id}/live`, broadcastSchema, { token: admin, body: {} });
  const output = await apiCall(server.url, `/broadcasts/${id}/output`, broadcastOutputSchema, { token: admin });
  const lessonId = new URL(teach.url()).pathname.split('/')[2]!;
  const teacherToken = (await signIn(server.url, teacher.login, teacher.password)).accessToken;
  const viewers = await joinLightViewers(50, { lessonId, teacherToken }, server);
  closers.push(async () => void (await Promise.all(viewers.map((v) => v.close()))));
  await teach.getByTestId('viewer-count').waitFor();
  await teach.waitForTimeout(1500);
  await shot(teach, 'broadcast-live-teacher');

  const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };
  const hls = await open(output.watchUrl, phone);
  await hls.locator('[data-testid="live-page"][data-state="playing"]').waitFor({ timeout: 60_000 });
  await hls.waitForTimeout(1500);
  await shot(hls, 'viewer-hls-phone');
  await hls.setViewportSize({ width: 844, height: 390 });
  await hls.waitForTimeout(1000);
  await shot(hls, 'viewer-hls-phone-landscape');
  await hls.setViewportSize({ width: 390, height: 844 });
  await hls.getByTestId('live-realtime').click();
  await hls.getByTestId('view-page').waitFor();
  await hls.waitForTimeout(4000);
  await shot(hls, 'viewer-realtime-phone');

  // 观众提问: the teacher opens questions, the phone's viewer asks, the teacher sees it waiting and shows it.
  await teach.getByTestId('questions-toggle').click();
  await hls.getByTestId('question-box').waitFor();
  await hls.getByTestId('question-text').fill('老师，长方体和正方体的体积公式有什么联系？');
  await shot(hls, 'viewer-question-phone');
  await hls.getByTestId('question-send').click();
  await teach.getByTestId('question-entry').waitFor();
  await shot(teach, 'teacher-questions-waiting');
  await teach.getByTestId('question-show').click();
  await hls.getByTestId('shown-question').waitFor();
  await hls.waitForTimeout(500);
  await shot(hls, 'viewer-question-shown-phone');
  await shot(teach, 'teacher-question-shown');
  console.log(`saved ${saved.join(', ')}`);
} finally {
  for (const close of closers) await close();
  await browser?.close();
  await server.stop();
}

async function open(target: PageTarget, options: BrowserContextOptions = { viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' }): Promise<Page> {
  const context = await browser!.newContext(options);
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await openTarget(page, target);
  return page;
}
