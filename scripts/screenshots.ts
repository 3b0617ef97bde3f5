/**
 * `npm run screenshots`: starts a server on loopback, opens the teacher page
 * (with a teacher and a student camera and a courseware tab it shares) and
 * two classroom pages in Chromium with fake cameras, plays a short scene (a
 * raised hand, the lesson started, each layout of the directing) and saves
 * the screens under docs/.
 */
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs } from '../testkit/chromium.js';
import { scheduleLesson } from '../testkit/adminApi.js';
import { openSupportClassroom } from '../e2e/support/supportClassroom.js';
import { startServer } from '../testkit/serverProcess.js';

const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const links = await scheduleLesson({ title: '四年级数学 · 分数的初步认识' }, server);
const host = await openSupportClassroom(links.teacher, true);
try {
  const open = async (url: string): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await page.goto(url);
    return page;
  };
  const { teacher } = host;
  const [a, b] = await Promise.all(links.classrooms.map((c) => open(c.url)));
  await teacher.waitForTimeout(6000);
  await b!.getByTestId('student-name').fill('小明');
  await b!.getByTestId('raise-hand').click();
  await teacher.getByTestId('start-lesson').click();
  await teacher.waitForTimeout(3000);
  await teacher.screenshot({ path: 'docs/teacher-page.png' });
  await a!.screenshot({ path: 'docs/classroom-page.png' });
  await b!.screenshot({ path: 'docs/classroom-hand-raised.png' });
  const saved = ['docs/teacher-page.png', 'docs/classroom-page.png', 'docs/classroom-hand-raised.png'];

  // Each layout as classroom A's projected screen shows it.
  await teacher.getByTestId('grant-floor').click();
  await teacher.getByTestId('courseware-toggle').click();
  for (const choice of ['coursewarePip', 'teacherFull', 'sideBySide', 'grid', 'floor'] as const) {
    await teacher.getByTestId(`directing-${choice}`).click();
    await a!.waitForTimeout(5000);
    await a!.screenshot({ path: `docs/layout-${choice}.png` });
    saved.push(`docs/layout-${choice}.png`);
  }
  await teacher.screenshot({ path: 'docs/teacher-directing.png' });
  saved.push('docs/teacher-directing.png');
  console.log(`saved ${saved.join(', ')}`);
} finally {
  await host.close();
  await browser.close();
  await server.stop();
}
