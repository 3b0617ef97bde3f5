import { expect, test, type Page } from '@playwright/test';
import { classroomSchema, lessonSummarySchema, pairingSchema, schoolSchema, terminalSchema } from '../../shared/src/accounts.js';
import { adminToken, apiCall, createTeacher, registerTerminal, runServer, signIn } from '../../testkit/adminApi.js';
import { expectDecoding } from '../support/decoding.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';

test.afterEach(closeOpenedPages);

/** What the address bar shows now. */
async function addressesSeen(page: Page): Promise<{ now: string; hash: string }> {
  return page.evaluate(() => ({ now: window.location.href, hash: window.location.hash }));
}

/*
 * Test 3 of the accounts issue: a classroom terminal opens its QR link once;
 * from then on it joins its classroom's lesson with no click, and its address
 * bar holds no credential; the admin revokes it and it is out within 5 s.
 */
test('a terminal set up once joins its lesson by itself, keeps no credential in the address, and is out ≤ 5 s after it is revoked', async ({ browser }) => {
  test.setTimeout(240_000);
  const server = runServer();
  const admin = await adminToken(server);
  // A new rural school and classroom, paired with the city school: nothing else in the run uses it.
  const school = await apiCall(server.url, '/schools', schoolSchema, { token: admin, body: { name: '石门村小学', kind: 'receiving' } });
  await apiCall(server.url, '/pairings', pairingSchema, { token: admin, body: { supportSchoolId: 'chengguan', receivingSchoolId: school.id } });
  const classroom = await apiCall(server.url, '/classrooms', classroomSchema, { token: admin, body: { schoolId: school.id, name: '三年级' } });
  const link = await registerTerminal(classroom.id, server);
  expect(new URL(link.url).pathname).toBe('/t');

  // The school's IT person opens the QR code's link once, on the classroom PC.
  const terminal = await openPage(browser, link.url);
  await expect(terminal.getByTestId('terminal-waiting')).toBeVisible();
  await expect(terminal.getByTestId('terminal-place')).toContainText('石门村小学');
  const seen = await addressesSeen(terminal);
  expect(seen.hash).toBe('');
  expect(seen.now).not.toContain(link.credential);
  // Back in the history is the blank page the browser opened with, never the address with the credential.
  await terminal.goBack().catch(() => null);
  expect(terminal.url()).not.toContain(link.credential);
  await terminal.goForward().catch(() => null);
  await expect(terminal.getByTestId('terminal-waiting')).toBeVisible();

  // A teacher creates a lesson with that classroom; the terminal, untouched, joins it by itself.
  const teacher = await createTeacher(server);
  const signed = await signIn(server.url, teacher.login, teacher.password);
  const lesson = await apiCall(server.url, '/lessons', lessonSummarySchema, {
    token: signed.accessToken,
    body: { title: '自动入课', hostClassroomId: 'chengguan-4-1', classroomIds: [classroom.id] },
  });
  const teacherPage = await openPage(browser, { url: lesson.teacherUrl, signIn: teacher });
  await terminal.waitForURL(`**/lesson/${lesson.id}/classroom/${classroom.id}`, { timeout: 60_000 });
  await expectDecoding(terminal, 'teacher', ['video']);
  await expect(teacherPage.getByTestId('classrooms-online')).toHaveAttribute('data-count', '1');
  expect((await addressesSeen(terminal)).now).not.toContain(link.credential);

  // A reload (the PC restarted its browser) needs nothing: the session does it.
  await terminal.reload();
  await expectDecoding(terminal, 'teacher', ['video']);
  expect((await addressesSeen(terminal)).now).not.toContain('#');

  // The admin revokes it: out of the lesson at once, and the page says why.
  const revokedAt = Date.now();
  await apiCall(server.url, `/terminals/${link.terminalId}/revoke`, terminalSchema, { token: admin, body: {} });
  await expect(terminal.getByTestId('lesson-failure')).toContainText('此终端已被学校管理员停用', { timeout: 5000 });
  await expect(teacherPage.getByTestId('classrooms-online')).toHaveAttribute('data-count', '0', { timeout: 5000 });
  const outAfterMs = Date.now() - revokedAt;
  console.log(`[terminal] out of the lesson ${outAfterMs} ms after it was revoked`);
  expect(outAfterMs).toBeLessThanOrEqual(5000);
  // It stays out: opening the terminal page again shows it is not (any more) registered.
  await terminal.goto(new URL('/t', link.url).href);
  await expect(terminal.getByTestId('terminal-unregistered')).toBeVisible();
});
