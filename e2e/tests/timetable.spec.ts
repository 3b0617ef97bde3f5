import { expect, test, type Page } from '@playwright/test';
import { z } from 'zod';
import { classroomSchema, lessonSummarySchema, pairingSchema, schoolSchema } from '../../shared/src/accounts.js';
import { timetableEntrySchema, timetableSchema } from '../../shared/src/timetable.js';
import { adminToken, apiCall, createTeacher, registerTerminal, runServer, setTestClock } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { addDays, localParts, wallClockMs, weekdayOf } from '../../server/src/timetable/wallClock.js';
import { expectDecoding } from '../support/decoding.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';

const ZONE = 'Asia/Shanghai';
let server: ServerProcess | undefined;

test.afterEach(async () => {
  await closeOpenedPages();
  await server?.stop();
  server = undefined;
});

/** A new receiving school paired with the demo city school, with one classroom: no other lesson of the run uses it. */
async function rural(url: string, admin: string, name: string): Promise<string> {
  const school = await apiCall(url, '/schools', schoolSchema, { token: admin, body: { name, kind: 'receiving' } });
  await apiCall(url, '/pairings', pairingSchema, { token: admin, body: { supportSchoolId: 'chengguan', receivingSchoolId: school.id } });
  return (await apiCall(url, '/classrooms', classroomSchema, { token: admin, body: { schoolId: school.id, name: '四年级' } })).id;
}

/*
 * Test 2 of the timetable: a lesson on the timetable, two classroom terminals
 * left open on their waiting screens; the server's clock (TEST_CLOCK) reaches
 * the start and both join by themselves and show the teacher; it reaches the
 * end and the lesson ends, and both go back to wait for their next lesson.
 */
test('at its start time two terminals join a timetable lesson by themselves; at its end it ends and they wait for the next one', async ({ browser }) => {
  test.setTimeout(300_000);
  server = await startServer({ env: { TEST_CLOCK: 'on' } });
  const { url } = server;
  const admin = await adminToken(server);
  const today = localParts(Date.now(), ZONE).date;
  const at = (time: string) => wallClockMs(today, time, ZONE);
  // 09:40: twenty minutes before the lesson, the terminals wait.
  await setTestClock(at('09:40'), server);

  const rooms = [await rural(url, admin, '石门村小学'), await rural(url, admin, '青山小学')];
  const teacher = await createTeacher(server);
  const { term } = await apiCall(url, '/timetable/terms', timetableSchema, { token: admin, body: { schoolId: 'chengguan', name: '本学期', startsOn: today, endsOn: addDays(today, 30) } });
  const entry = (title: string, startsAt: string, endsAt: string) =>
    apiCall(url, `/timetable/terms/${term.id}/entries`, timetableEntrySchema, {
      token: admin,
      body: { title, form: 'synchronous', onDate: today, startsAt, endsAt, teacherAccountId: teacher.accountId, hostClassroomId: 'chengguan-4-1', classroomIds: rooms },
    });
  const first = await entry('语文 · 古诗两首', '10:00', '10:45');
  await entry('数学 · 分数', '11:00', '11:45');
  const lessonId = `${first.id}-${today.replaceAll('-', '')}`;
  const lessons = await apiCall(url, '/lessons', z.array(lessonSummarySchema), { token: admin });
  expect(lessons.map((l) => l.id)).toContain(lessonId);

  // Each classroom PC opened its registration link once, and was left there.
  const terminals: Page[] = [];
  for (const room of rooms) terminals.push(await openPage(browser, (await registerTerminal(room, server)).url));
  for (const terminal of terminals) {
    await expect(terminal.getByTestId('terminal-waiting')).toHaveAttribute('data-state', 'waiting');
    // The screen keeps the server's time, not the PC's.
    await expect(terminal.getByTestId('terminal-clock')).toContainText('09:4');
    await expect(terminal.getByTestId('terminal-next')).toContainText('10:00');
    await expect(terminal.getByTestId('terminal-next')).toContainText('古诗两首');
  }
  // The teacher opens her page a little early, as she would.
  const teacherPage = await openPage(browser, { url: `${url}/lesson/${encodeURIComponent(lessonId)}/teacher`, signIn: teacher });

  // 10:00: the lesson starts by itself and both terminals, untouched, join it and show the teacher.
  const startedAt = Date.now();
  await setTestClock(at('10:00'), server);
  for (const [i, terminal] of terminals.entries()) {
    await terminal.waitForURL(`**/lesson/${lessonId}/classroom/${rooms[i]}`, { timeout: 60_000 });
  }
  console.log(`[timetable] both terminals in the lesson ${Date.now() - startedAt} ms after its start`);
  await expect(teacherPage.getByTestId('classrooms-online')).toHaveAttribute('data-count', '2');
  for (const terminal of terminals) {
    await expectDecoding(terminal, 'teacher', ['video']);
    // Under way: no "waiting for the lesson" over the teacher's picture.
    await expect(terminal.getByTestId('classroom-overlay')).toHaveCount(0);
  }

  // 10:46: past its end, the lesson ends by itself (下课) …
  await setTestClock(at('10:46'), server);
  for (const terminal of terminals) {
    await expect(terminal.getByTestId('classroom-overlay')).toHaveAttribute('data-reason', 'classroom.ended', { timeout: 15_000 });
  }
  // … and each terminal goes back to its waiting screen, announcing the next lesson.
  for (const terminal of terminals) {
    await terminal.waitForURL('**/t', { timeout: 30_000 });
    await expect(terminal.getByTestId('terminal-waiting')).toHaveAttribute('data-state', 'waiting');
    await expect(terminal.getByTestId('terminal-next')).toContainText('11:00');
    await expect(terminal.getByTestId('terminal-next')).toContainText('分数');
  }
});

/* The 课表 page: a school's week shows its entry; a second lesson for the same teacher at that time is refused with the server's sentence naming the first. */
test('the 课表 page shows the week\'s lesson and refuses a clash, naming the other lesson', async ({ browser }) => {
  const target = runServer();
  const admin = await adminToken(target);
  const today = localParts(Date.now(), ZONE).date;
  const teacher = await createTeacher(target);
  const host = await apiCall(target.url, '/classrooms', classroomSchema, { token: admin, body: { schoolId: 'chengguan', name: '课表演示教室' } });
  const { term } = await apiCall(target.url, '/timetable/terms', timetableSchema, { token: admin, body: { schoolId: 'chengguan', name: `课表页面 ${Date.now()}`, startsOn: today, endsOn: addDays(today, 60) } });
  const body = { title: '科学 · 植物的一生', form: 'delivered', weekday: weekdayOf(today), startsAt: '14:00', endsAt: '14:45', teacherAccountId: teacher.accountId, hostClassroomId: host.id, classroomIds: [] };
  await apiCall(target.url, `/timetable/terms/${term.id}/entries`, timetableEntrySchema, { token: admin, body });

  const page = await openPage(browser, { url: `${target.url}/timetable`, signIn: { login: 'admin', password: target.adminPassword } });
  await page.getByTestId('timetable-term-pick').selectOption(term.id);
  const lesson = page.getByTestId('timetable-lesson').filter({ hasText: '植物的一生' });
  await expect(lesson).toHaveCount(1);
  await expect(lesson).toContainText('专递课堂');
  await expect(lesson).toContainText('14:00–14:45');

  // The same teacher, the same day, half an hour later: refused, and the message names the first lesson.
  const form = page.getByTestId('timetable-entry-form');
  await form.getByTestId('entry-title').fill('数学 · 撞课');
  await form.getByTestId('entry-weekday').selectOption(String(weekdayOf(today)));
  await form.getByTestId('entry-start').fill('14:30');
  await form.getByTestId('entry-end').fill('15:10');
  await form.getByTestId('entry-teacher').selectOption(teacher.accountId);
  await form.getByTestId('entry-host').selectOption(host.id);
  await form.getByTestId('entry-save').click();
  await expect(form.getByTestId('timetable-refusal')).toContainText('「科学 · 植物的一生」');
  await expect(form.getByTestId('timetable-refusal')).toContainText('已有课');
  await expect(page.getByTestId('timetable-lesson').filter({ hasText: '撞课' })).toHaveCount(0);

  // A free time is taken, and shows in the grid.
  await form.getByTestId('entry-start').fill('15:00');
  await form.getByTestId('entry-end').fill('15:40');
  await form.getByTestId('entry-save').click();
  await expect(page.getByTestId('timetable-lesson').filter({ hasText: '撞课' })).toContainText('15:00–15:40');
});
