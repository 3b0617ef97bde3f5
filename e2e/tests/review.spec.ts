import { readFileSync } from 'node:fs';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { createPerson, scheduleLesson } from '../../testkit/adminApi.js';
import { drawnPixels } from '../../testkit/chartPixels.js';
import { chromiumArgs } from '../../testkit/chromium.js';
import { openTarget } from '../../testkit/pageTarget.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

/** Clicks one point of one criterion on the score sheet. */
const pick = (page: Page, criterion: string, point: number) => page.locator(`[data-testid="score-criterion"][data-criterion="${criterion}"] [data-point="${point}"]`).click();


/*
 * Issue 15 through the pages: a school's admin writes a rubric (the weights'
 * sum is checked as she types), puts a lesson up for scoring, two observers
 * score it on their review page (one changes a score, one leaves criteria
 * out), the lesson's teacher cannot score her own lesson but reads the
 * report with its charts, the admin downloads the scores as CSV, closes the
 * scoring (nobody can change a score after), and the ranking lists the
 * lesson without a rank: two scorers are too few.
 */
test('a rubric, scoring by observers, the report with charts and CSV, and the ranking', async () => {
  test.setTimeout(180_000);
  const server: ServerProcess = await startServer();
  let browser: Browser | null = null;
  try {
    const lesson = await scheduleLesson({ title: '分数的意义', subject: '数学', grade: '四年级' }, server);
    const schoolAdmin = await createPerson({ role: 'schoolAdmin', schoolId: 'chengguan', name: '王主任' }, server);
    const observers = [await createPerson({ role: 'observer', name: '听课甲' }, server), await createPerson({ role: 'observer', name: '听课乙' }, server)];
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    const open = async (url: string, who: { login: string; password: string }) => {
      const page = await (await browser!.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
      page.setDefaultTimeout(20_000);
      await openTarget(page, { url, signIn: who });
      return page;
    };

    // 评课量表: the starting rubric, a wrong weight refused in the page, then saved.
    const admin = await open(`${server.url}/admin#rubrics`, schoolAdmin);
    await admin.getByTestId('rubric-new').click();
    await admin.getByTestId('rubric-name').fill('城关小学评课量表');
    const firstWeight = admin.getByTestId('criterion-row').first().getByTestId('criterion-weight');
    await firstWeight.fill('25');
    await expect(admin.getByTestId('rubric-weight-sum')).toHaveText(/105/);
    await admin.getByTestId('rubric-save').click();
    await expect(admin.getByTestId('rubric-problem')).toContainText('105%');
    await firstWeight.fill('20');
    await admin.getByTestId('rubric-save').click();
    await expect(admin.getByTestId('rubric-row')).toHaveCount(1);
    await expect(admin.getByTestId('rubric-row')).toContainText('教学设计 20%');

    // 组织评分 on the lesson's row.
    await admin.getByTestId('admin-tab-lessons').click();
    const row = admin.locator(`[data-testid="lesson-row"][data-lesson-id="${lesson.lessonId}"]`);
    await row.getByTestId('scoring-toggle').click();
    await row.getByTestId('scoring-rubric').selectOption({ label: '城关小学评课量表' });
    await row.getByTestId('scoring-open').click();
    await expect(row.getByTestId('scoring-state')).toHaveAttribute('data-open', 'true');

    const review = `${server.url}/lesson/${lesson.lessonId}/review`;
    // Observer 甲: all four criteria, then changes 教学效果 7 → 9.
    const first = await open(review, observers[0]!);
    for (const [criterion, point] of [['design', 8], ['interaction', 9], ['effect', 7], ['craft', 6]] as const) await pick(first, criterion, point);
    await expect(first.getByTestId('score-total')).toContainText('76.0');
    await first.getByTestId('score-submit').click();
    await expect(first.getByTestId('score-saved')).toBeVisible();
    await first.reload();
    await expect(first.locator('[data-criterion="effect"] [data-point="7"]')).toHaveAttribute('aria-checked', 'true');
    await pick(first, 'effect', 9);
    await first.getByTestId('score-submit').click();
    await expect(first.getByTestId('score-saved')).toContainText('2');

    // Observer 乙 leaves two criteria out: they are missing, not 0.
    const second = await open(review, observers[1]!);
    await pick(second, 'design', 6);
    await pick(second, 'interaction', 7);
    await expect(second.getByTestId('score-total')).toContainText('66.0');
    await second.getByTestId('score-submit').click();
    await expect(second.getByTestId('score-saved')).toBeVisible();

    // The teacher: no sheet of her own lesson, but its report. Criterion means 7, 8, 9, 6 of 10 → (20×70 + 30×80 + 30×90 + 20×60) / 100 = 77.
    const teacher = await open(review, lesson.teacherLogin);
    await expect(teacher.getByTestId('score-own')).toBeVisible();
    await expect(teacher.getByTestId('score-submit')).toHaveCount(0);
    await expect(teacher.getByTestId('report-total')).toContainText('77.0');
    await expect(teacher.getByTestId('chart-criteria')).toHaveAttribute('data-values', JSON.stringify({ 平均分: [70, 80, 90, 60] }));
    expect(await drawnPixels(teacher, 'chart-criteria')).toBeGreaterThan(500);
    expect(await drawnPixels(teacher, 'chart-scorers')).toBeGreaterThan(500);
    await expect(teacher.getByTestId('report-participation')).toBeVisible();

    // The admin's CSV of the scores: the columns a spreadsheet shows.
    await admin.goto(review);
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('report-csv-scores').click()]);
    expect(download.suggestedFilename()).toBe('分数的意义-评分.csv');
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe('评委,教学设计 20% (0-10),师生互动 30% (0-10),教学效果 30% (0-10),教学素养 20% (0-10),加权总分 (0-100)');
    expect(csv[1]).toBe('评委 1,8,9,9,6,82');
    expect(csv[2]).toBe('评委 2,6,7,,,66');

    // Closing: the sheet can no longer change.
    await admin.goto(`${server.url}/admin#lessons`);
    await row.getByTestId('scoring-toggle').click();
    await row.getByTestId('scoring-close').click();
    await expect(row.getByTestId('scoring-state')).toHaveAttribute('data-open', 'false');
    await first.reload();
    await expect(first.getByTestId('score-closed')).toBeVisible();
    await expect(first.getByTestId('score-submit')).toHaveCount(0);

    // 优课评选: listed, not ranked, with the reason.
    await admin.goto(`${server.url}/ranking`);
    const ranked = admin.locator(`[data-testid="ranking-row"][data-lesson-id="${lesson.lessonId}"]`);
    await expect(ranked).toHaveAttribute('data-rank', '');
    await expect(ranked).toContainText('评委不足 3 人');
  } finally {
    await browser?.close();
    await server.stop();
  }
});
