import { chromium, expect, test, type Browser, type Locator } from '@playwright/test';
import { createPerson } from '../../testkit/adminApi.js';
import { drawnPixels } from '../../testkit/chartPixels.js';
import { chromiumArgs } from '../../testkit/chromium.js';
import { noonZone, scriptDashboardWeek } from '../../testkit/dashboardWeek.js';
import { openTarget } from '../../testkit/pageTarget.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

/** Clicks a chart's canvas at a share of its width and height (Chart.js picks the label band there). */
async function clickChart(chart: Locator, x: number, y: number): Promise<void> {
  const box = (await chart.locator('canvas').boundingBox())!;
  await chart.locator('canvas').click({ position: { x: box.width * x, y: box.height * y } });
}

/*
 * 数据看板 in Chromium: a bureau admin opens it from the admin page, over a
 * day scripted through the API and signalling clients (testkit/dashboardWeek);
 * the charts draw, a click on the week's 同步课堂 bar lists its lessons, and a
 * click on a lesson's freezes bar opens that lesson's report.
 */
test('the dashboard draws its charts and drills down to a lesson report', async () => {
  test.setTimeout(180_000);
  const now = Date.now();
  const server: ServerProcess = await startServer({ env: { SCHOOL_TIME_ZONE: noonZone(now) } });
  let browser: Browser | null = null;
  try {
    const week = await scriptDashboardWeek(server, now);
    const bureauAdmin = await createPerson({ role: 'bureauAdmin', name: '赵科长' }, server);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(20_000);
    await openTarget(page, { url: `${server.url}/admin#lessons`, signIn: bureauAdmin });
    await page.getByTestId('dashboard-link').click();
    await expect(page.getByTestId('dashboard-page')).toHaveAttribute('data-phase', 'signedIn');

    for (const chart of ['dashboard-form-today', 'dashboard-form-week', 'dashboard-school-week', 'dashboard-participation-hands', 'dashboard-quality-precheck', 'dashboard-quality-freezes']) {
      await expect.poll(() => drawnPixels(page, chart), chart).toBeGreaterThan(500);
    }
    // 同步课堂 this week: three scheduled, one held.
    await expect(page.getByTestId('dashboard-form-week')).toHaveAttribute('data-values', /"已上课":\[1,0,0,0\]/);
    await expect(page.getByTestId('dashboard-missed').getByTestId('dashboard-lesson')).toHaveAttribute('data-lesson-id', week.missedId);

    // The first of four label bands is 同步课堂.
    await clickChart(page.getByTestId('dashboard-form-week'), 0.2, 0.5);
    const picked = page.getByTestId('dashboard-picked');
    await expect(picked).toContainText('同步课堂');
    await expect(picked.getByTestId('dashboard-lesson')).toHaveCount(3);

    // One bar, one lesson: straight to its report.
    await clickChart(page.getByTestId('dashboard-quality-freezes'), 0.6, 0.5);
    await expect(page).toHaveURL(new RegExp(`/lesson/${week.held.lessonId}/review$`));
    await expect(page.getByTestId('report-title')).toContainText('上过的课');
  } finally {
    await browser?.close();
    await server.stop();
  }
});
