import { expect, test, type Page } from '@playwright/test';
import { scheduleLesson, runServer } from '../../testkit/adminApi.js';
import { openTarget } from '../../testkit/pageTarget.js';
import { expectDecoding } from '../support/decoding.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';

test.afterEach(closeOpenedPages);

/** Every content-security-policy violation the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

/*
 * The content security policy is one the pages really pass: a lesson's
 * teacher and classroom pages decode each other's media, and the sign-in
 * and admin pages (with the terminal QR code, a data: image) draw, with no
 * violation reported.
 */
test('the lesson, sign-in and admin pages run under the content security policy with no violation', async ({ browser }) => {
  const lesson = await scheduleLesson({ classroomIds: ['shanping-4'] });
  const teacher = await openPage(browser, 'about:blank');
  const classroom = await openPage(browser, 'about:blank');
  const teacherViolations = await watchViolations(teacher);
  const classroomViolations = await watchViolations(classroom);
  await openTarget(teacher, lesson.teacher);
  await openTarget(classroom, lesson.classrooms[0]!.url);
  await expectDecoding(classroom, 'teacher', ['video', 'audio']);
  await expectDecoding(teacher, `classroom:${lesson.classrooms[0]!.classroomId}`, ['video']);
  expect(await teacherViolations()).toEqual([]);
  expect(await classroomViolations()).toEqual([]);

  const admin = await openPage(browser, 'about:blank');
  const adminViolations = await watchViolations(admin);
  await admin.goto(`${runServer().url}/login`);
  await admin.getByTestId('login-name').fill('admin');
  await admin.getByTestId('login-password').fill(process.env['TONGTANG_ADMIN_PASSWORD'] ?? '');
  await admin.getByTestId('login-submit').click();
  await admin.waitForURL('**/admin**');
  await admin.getByTestId('admin-tab-classrooms').click();
  await admin.locator('[data-testid="classroom-card"]').first().getByTestId('register-terminal').click();
  await admin.getByTestId('register-terminal-submit').click();
  await expect(admin.getByTestId('terminal-qr')).toBeVisible();
  expect(await admin.getByTestId('terminal-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(await adminViolations()).toEqual([]);
});
