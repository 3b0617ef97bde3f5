/**
 * `npm run screenshots`: starts a server on loopback, opens the teacher page
 * and two classroom pages in Chromium with fake cameras, plays a short scene
 * (a raised hand, the lesson started) and saves the screens under docs/.
 */
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs } from '../e2e/support/chromium.js';
import { scheduleLesson } from '../e2e/support/lesson.js';
import { startServer } from '../server/test/support/serverProcess.js';

const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
try {
  const links = await scheduleLesson('四年级数学 · 分数的初步认识', server);
  const open = async (url: string): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await page.goto(url);
    return page;
  };
  const teacher = await open(links.teacher);
  const [a, b] = await Promise.all(links.classrooms.map((c) => open(c.url)));
  await teacher.waitForTimeout(6000);
  await b!.getByTestId('student-name').fill('小明');
  await b!.getByTestId('raise-hand').click();
  await teacher.getByTestId('start-lesson').click();
  await teacher.waitForTimeout(3000);
  await teacher.screenshot({ path: 'docs/teacher-page.png' });
  await a!.screenshot({ path: 'docs/classroom-page.png' });
  await b!.screenshot({ path: 'docs/classroom-hand-raised.png' });
  console.log('saved docs/teacher-page.png, docs/classroom-page.png, docs/classroom-hand-raised.png');
} finally {
  await browser.close();
  await server.stop();
}
