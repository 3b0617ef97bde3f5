/**
 * `npm run screenshots:timetable`: starts a server on loopback (demo schools,
 * TEST_CLOCK=on), puts a week of paired lessons in all four forms on a term
 * through the API — a holiday, one lesson cancelled and one moved (调课) —
 * and saves the 课表 page under docs/screenshots/timetable/: the week as the
 * bureau's admin sees it, a lesson picked for 调课, a clash refused with the
 * server's message, the next week with its holiday, the page in English, a
 * teacher's own view, and a classroom terminal's waiting screen announcing
 * its next lesson by the server's clock. Nothing leaves 127.0.0.1.
 */
import { chromium, type Page } from '@playwright/test';
import { screenshotFolder } from './support/screenshotFolder.js';
import { z } from 'zod';
import { classroomSchema, timetableEntrySchema, timetableSchema, type LessonForm } from '../shared/src/index.js';
import { addDays, weekdayOf } from '../shared/src/timetableDays.js';
import { apiCall, createPerson, registerTerminal, setTestClock, signIn } from '../testkit/adminApi.js';
import { chromiumArgs } from '../testkit/chromium.js';
import { openTarget, type PageTarget } from '../testkit/pageTarget.js';
import { startServer } from '../testkit/serverProcess.js';
import { localParts, wallClockMs } from '../server/src/timetable/wallClock.js';

const { shot, saved } = screenshotFolder('docs/screenshots/timetable');
const ZONE = 'Asia/Shanghai';

const server = await startServer({ env: { TEST_CLOCK: 'on' } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
try {
  const week = await fillWeek();
  const admin = { login: 'admin', password: server.adminPassword };

  const page = await open({ url: `${server.url}/timetable`, signIn: admin });
  await page.getByTestId('timetable-lesson').first().waitFor();
  await shoot(page, 'timetable-week');

  await page.getByTestId('timetable-lesson').filter({ hasText: '语文' }).first().click();
  await page.getByTestId('timetable-occurrence').scrollIntoViewIfNeeded();
  await shoot(page, 'timetable-move', false);

  const form = page.getByTestId('timetable-entry-form');
  await form.getByTestId('entry-title').fill('数学 · 口算练习');
  await form.getByTestId('entry-weekday').selectOption('1');
  await form.getByTestId('entry-start').fill('08:30');
  await form.getByTestId('entry-end').fill('09:10');
  await form.getByTestId('entry-teacher').selectOption(week.chen);
  await form.getByTestId('entry-save').click();
  await form.getByTestId('timetable-refusal').waitFor();
  await form.scrollIntoViewIfNeeded();
  await shoot(page, 'timetable-conflict', false);

  await page.getByTestId('week-next').click();
  await page.locator('.timetable-grid__holiday').first().waitFor();
  await shoot(page, 'timetable-next-week-holiday');
  await page.context().close();

  const english = await open({ url: `${server.url}/timetable?lang=en`, signIn: admin });
  await english.getByTestId('timetable-lesson').first().waitFor();
  await shoot(english, 'timetable-week-en');
  await english.context().close();

  const teacher = await open({ url: `${server.url}/timetable`, signIn: week.teacher });
  await teacher.getByTestId('timetable-lesson').first().waitFor();
  await shoot(teacher, 'timetable-teacher');
  await teacher.context().close();

  // 07:30 on Monday by the server's clock: the terminal waits and announces its first lesson (10:00).
  await setTestClock(wallClockMs(week.monday, '07:30', ZONE), server);
  const terminal = await open(week.terminalUrl);
  await terminal.getByTestId('terminal-next').waitFor();
  await shoot(terminal, 'terminal-next-lesson', false);
  console.log(`saved ${saved.join(', ')}`);
} finally {
  await browser.close();
  await server.stop();
}

/** A term around today, three teachers of the city school, a week of lessons in the four forms, a holiday and two 调课. */
async function fillWeek() {
  const token = (await signIn(server.url, 'admin', server.adminPassword)).accessToken;
  const call = <T extends z.ZodType>(path: string, data: T, body: unknown) => apiCall(server.url, path, data, { token, body });
  const today = localParts(Date.now(), ZONE).date;
  const monday = addDays(today, 1 - weekdayOf(today));
  const room = async (schoolId: string, name: string) => (await call('/classrooms', classroomSchema, { schoolId, name })).id;
  const [c42, c51, shanping5, hewan5] = [await room('chengguan', '四年级(2)班'), await room('chengguan', '五年级(1)班'), await room('shanping', '五年级'), await room('hewan', '五年级')];
  const chen = await createPerson({ role: 'teacher', schoolId: 'chengguan', name: '陈老师' }, server);
  const li = await createPerson({ role: 'teacher', schoolId: 'chengguan', name: '李老师' }, server);
  const zhao = await createPerson({ role: 'teacher', schoolId: 'chengguan', name: '赵老师' }, server);
  let timetable = await call('/timetable/terms', timetableSchema, { schoolId: 'chengguan', name: '本学期', startsOn: addDays(monday, -60), endsOn: addDays(monday, 90) });
  const { term } = timetable;
  timetable = await call(`/timetable/terms/${term.id}/holidays`, timetableSchema, { name: '校运动会', startsOn: addDays(monday, 10), endsOn: addDays(monday, 11) });
  const entry = (weekday: number, startsAt: string, endsAt: string, title: string, form: LessonForm, teacher: string, host: string, classroomIds: string[]) =>
    call(`/timetable/terms/${term.id}/entries`, timetableEntrySchema, { title, form, weekday, startsAt, endsAt, teacherAccountId: teacher, hostClassroomId: host, classroomIds });
  await entry(1, '08:00', '08:40', '语文 · 古诗两首', 'synchronous', chen.accountId, 'chengguan-4-1', ['shanping-4', 'hewan-4-2']);
  await entry(1, '10:00', '10:40', '数学 · 分数的初步认识', 'delivered', li.accountId, c42, [shanping5]);
  await entry(2, '08:00', '08:40', '英语 · Colours', 'famousTeacher', zhao.accountId, c51, ['shanping-4', 'hewan-4-2', shanping5]);
  await entry(2, '14:00', '15:00', '教研 · 分数怎么教', 'research', chen.accountId, 'chengguan-4-1', [hewan5]);
  await entry(3, '08:00', '08:40', '语文 · 古诗两首（二）', 'synchronous', chen.accountId, 'chengguan-4-1', ['shanping-4', 'hewan-4-2']);
  const science = await entry(3, '10:00', '10:40', '科学 · 植物的一生', 'delivered', li.accountId, c42, [hewan5]);
  const maths = await entry(4, '08:00', '08:40', '数学 · 小数', 'synchronous', li.accountId, 'chengguan-4-1', [shanping5]);
  await entry(5, '10:00', '10:40', '音乐 · 茉莉花', 'famousTeacher', zhao.accountId, c51, ['shanping-4']);
  await call('/timetable/changes', timetableSchema, { kind: 'move', entryId: science.id, occursOn: addDays(monday, 2), toDate: addDays(monday, 4), startsAt: '14:00', endsAt: '14:40' });
  await call('/timetable/changes', timetableSchema, { kind: 'cancel', entryId: maths.id, occursOn: addDays(monday, 3) });
  const terminal = await registerTerminal(shanping5, server);
  return { monday, chen: chen.accountId, teacher: { login: chen.login, password: chen.password }, terminalUrl: terminal.url };
}

async function open(target: PageTarget, viewport = { width: 1440, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.warn('page error', error.message));
  await openTarget(page, target);
  return page;
}

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  // Fonts and the last reply settle; nothing animates on these pages.
  await page.waitForTimeout(400);
  await shot(page, name, fullPage);
}
