/**
 * `npx tsx scripts/adminScreenshots.ts`: starts a server on loopback (without
 * the demo lesson), fills in a small county through the API — three schools,
 * their classrooms, two pairings, a teacher with two lessons, terminals, IP
 * rules — and saves the account pages as people see them under
 * docs/screenshots/accounts/: the login page and the first-login password
 * change, the admin tabs (schools, classrooms & terminals with the QR dialog,
 * accounts, audit log, IP rules; one in English), the teacher's lessons and a
 * classroom terminal's waiting screen. Nothing leaves 127.0.0.1.
 */
import { chromium, type Page } from '@playwright/test';
import { screenshotFolder } from './support/screenshotFolder.js';
import { z } from 'zod';
import {
  classroomSchema,
  ipRulesSchema,
  issuedGuestLinkSchema,
  issuedPasswordSchema,
  lessonSummarySchema,
  pairingSchema,
  schoolSchema,
  terminalLinkSchema,
  terminalSchema,
  type Classroom,
} from '../shared/src/accounts.js';
import { apiCall, firstSignIn, signIn } from '../testkit/adminApi.js';
import { chromiumArgs } from '../testkit/chromium.js';
import { startServer } from '../testkit/serverProcess.js';

const { shot, saved } = screenshotFolder('docs/screenshots/accounts');

const server = await startServer({ env: { DEMO: 'off' } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
try {
  const county = await fillCounty();
  await terminalPages(county.terminalUrl);
  await loginPages(county.newcomer);
  await adminPages();
  await teachPage(county.teacher);
  console.log(`saved ${saved.join(', ')}`);
} finally {
  await browser.close();
  await server.stop();
}

/** What the bureau's admin and a teacher would have set up by the first week of term. */
async function fillCounty() {
  const admin = (await signIn(server.url, 'admin', server.adminPassword)).accessToken;
  const call = <T extends z.ZodType>(path: string, data: T, body?: unknown, token = admin) => apiCall(server.url, path, data, { token, ...(body === undefined ? {} : { body }) });

  const chengguan = await call('/schools', schoolSchema, { name: '城关第一小学', kind: 'support' });
  const shanping = await call('/schools', schoolSchema, { name: '山坪村小学', kind: 'receiving' });
  const hewan = await call('/schools', schoolSchema, { name: '河湾乡中心小学', kind: 'receiving' });
  const room = (schoolId: string, name: string): Promise<Classroom> => call('/classrooms', classroomSchema, { schoolId, name });
  const city41 = await room(chengguan.id, '四年级(1)班');
  await room(chengguan.id, '四年级(2)班');
  const shanping4 = await room(shanping.id, '四年级');
  const shanping5 = await room(shanping.id, '五年级');
  const hewan42 = await room(hewan.id, '四年级(2)班');
  for (const receiving of [shanping, hewan]) await call('/pairings', pairingSchema, { supportSchoolId: chengguan.id, receivingSchoolId: receiving.id });

  const person = (login: string, name: string, role: string, schoolId: string, realName: Record<string, string>) =>
    call('/accounts', issuedPasswordSchema, { login, name, role, schoolId, ...realName });
  const teacherIssued = await person('wangli', '王丽', 'teacher', chengguan.id, { staffNumber: 'T-0231' });
  await person('lijianguo', '李建国', 'schoolAdmin', shanping.id, { phone: '139 0871 2345' });
  await person('zhaomin', '赵敏', 'assistant', hewan.id, { staffNumber: 'HW-017' });
  const newcomer = await person('chenjing', '陈静', 'teacher', chengguan.id, { staffNumber: 'T-0245' });

  // Terminals: the one this script opens as the classroom's computer would, and the old computer of a
  // re-equipped classroom (revoked; the admin registers its new one on the page).
  const shanpingLink = await call('/terminals', terminalLinkSchema, { classroomId: shanping4.id, name: '讲台电脑' });
  const old = await call('/terminals', terminalLinkSchema, { classroomId: shanping5.id, name: '旧电脑' });
  await call(`/terminals/${old.terminal.id}/revoke`, terminalSchema, {});
  await call('/terminals', terminalLinkSchema, { classroomId: hewan42.id, name: '一体机' });
  await call(`/ip-rules/bureau/${encodeURIComponent(chengguan.bureauId)}`, ipRulesSchema, { allow: ['127.0.0.0/8', '10.20.0.0/16', '2001:db8:20::/48'], deny: ['10.20.99.0/24'] });

  // The teacher's first sign-in (she changes her one-time password), her lessons and a guest for one of them.
  const teacher = await firstSignIn(server.url, 'wangli', teacherIssued.initialPassword);
  const teacherToken = (await signIn(server.url, teacher.login, teacher.password)).accessToken;
  const hour = 3_600_000;
  const at = (days: number, hours: number): number => {
    const day = new Date();
    day.setHours(hours, 0, 0, 0);
    return day.getTime() + days * 24 * hour;
  };
  const maths = await call('/lessons', lessonSummarySchema, { title: '四年级数学 · 分数的初步认识', hostClassroomId: city41.id, classroomIds: [shanping4.id, hewan42.id], startsAt: at(1, 8), endsAt: at(1, 8) + 40 * 60_000 }, teacherToken);
  await call('/lessons', lessonSummarySchema, { title: '四年级语文 · 古诗两首', hostClassroomId: city41.id, classroomIds: [shanping4.id], startsAt: at(2, 10), endsAt: at(2, 10) + 40 * 60_000 }, teacherToken);
  await call(`/lessons/${maths.id}/guests`, issuedGuestLinkSchema, { name: '县教研室 刘老师' }, teacherToken);
  return { terminalUrl: shanpingLink.url, teacher, newcomer: { login: 'chenjing', password: newcomer.initialPassword } };
}

async function open(path: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  // Generous: on a 2-core machine a test run beside this one can hold a page up for many seconds.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.warn('page error', error.message));
  await page.goto(`${server.url}${path}`);
  return page;
}

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  // Fonts and the last reply settle; nothing animates on these pages.
  await page.waitForTimeout(400);
  await shot(page, name, fullPage);
}

async function signInAs(page: Page, login: string, password: string): Promise<void> {
  await page.getByTestId('login-name').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** The classroom's computer opening its registration link, and a browser that never was registered. */
async function terminalPages(terminalUrl: string): Promise<void> {
  const link = new URL(terminalUrl);
  const terminal = await open(`${link.pathname}${link.hash}`, { width: 1280, height: 720 });
  await terminal.getByTestId('terminal-place').waitFor();
  await shoot(terminal, 'terminal-waiting', false);
  const stranger = await open('/t', { width: 1280, height: 720 });
  await stranger.getByTestId('terminal-unregistered').waitFor();
  await shoot(stranger, 'terminal-unregistered', false);
  await Promise.all([terminal.context().close(), stranger.context().close()]);
}

/** The login page, and a new teacher's first sign-in asking for her own password. */
async function loginPages(newcomer: { login: string; password: string }): Promise<void> {
  const page = await open('/login?next=%2Fteach', { width: 1280, height: 800 });
  await page.getByTestId('login-form').waitFor();
  await shoot(page, 'login', false);
  await signInAs(page, newcomer.login, newcomer.password);
  await page.getByTestId('change-password-form').waitFor();
  await page.getByTestId('password-current').fill(newcomer.password);
  await page.getByTestId('password-next').fill('chenjing-2025');
  await page.getByTestId('password-again').fill('chenjing-2024');
  await page.getByTestId('password-submit').click();
  await page.getByTestId('password-error').waitFor();
  await shoot(page, 'change-password', false);
  await page.context().close();
}

async function adminPages(): Promise<void> {
  const page = await open('/admin');
  await page.waitForURL(/\/login/);
  await signInAs(page, 'admin', server.adminPassword);
  await page.getByTestId('admin-panel-schools').waitFor();
  await page.getByTestId('school-row').first().waitFor();
  await shoot(page, 'admin-schools');

  await page.getByTestId('admin-tab-classrooms').click();
  await page.getByTestId('classrooms-school').selectOption({ label: '山坪村小学' });
  await page.getByTestId('terminal-row').first().waitFor();
  await shoot(page, 'admin-classrooms');
  // 登记终端 for 五年级: the link once, as text and as a QR code to print.
  const fifth = page.getByTestId('classroom-card').filter({ hasText: '五年级' });
  await fifth.getByTestId('register-terminal').click();
  await page.getByTestId('register-terminal-name').fill('教室一体机');
  await page.getByTestId('register-terminal-submit').click();
  await page.getByTestId('terminal-qr').waitFor();
  await shoot(page, 'admin-terminal-link', false);
  await page.getByTestId('terminal-link-close').click();

  await page.getByTestId('admin-tab-accounts').click();
  await page.getByTestId('account-row').first().waitFor();
  await shoot(page, 'admin-accounts');

  await page.getByTestId('admin-tab-ipRules').click();
  await page.getByTestId('ip-rules-allow').fill('127.0.0.0/8\n10.20.0.0/16\n2001:db8:20::/48\n10.20.300.0/24');
  await shoot(page, 'admin-ip-rules');

  await page.getByTestId('admin-tab-audit').click();
  await page.getByTestId('audit-row').first().waitFor();
  await shoot(page, 'admin-audit');

  // The same tab in English (the language switch, or ?lang=en in a link).
  await page.goto(`${server.url}/admin?lang=en#classrooms`);
  await page.getByTestId('classrooms-school').selectOption({ label: '山坪村小学' });
  await page.getByTestId('terminal-row').first().waitFor();
  await shoot(page, 'admin-classrooms-en');
  await page.context().close();
}

async function teachPage(teacher: { login: string; password: string }): Promise<void> {
  const page = await open('/teach');
  await page.waitForURL(/\/login/);
  await signInAs(page, teacher.login, teacher.password);
  await page.getByTestId('teach-lesson').first().waitFor();
  await page.getByTestId('teach-lesson').first().getByTestId('toggle-guests').click();
  await page.getByTestId('guest-row').first().waitFor();
  await shoot(page, 'teach');
  await page.context().close();
}
