/**
 * `npm run screenshots:dashboard`: starts a server on loopback, scripts a
 * day through the API and signalling clients (testkit/dashboardWeek: a
 * lesson held with a hand, the floor, a pre-class check, a latency check and
 * freezes; a paired lesson that never went live; one to come) and saves the
 * bureau admin's 数据看板 under docs/screenshots/dashboard/: the whole page,
 * and the page with one bar's lessons listed. Nothing leaves 127.0.0.1.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { drawnPixels } from '../testkit/chartPixels.js';
import { chromiumArgs } from '../testkit/chromium.js';
import { noonZone, scriptDashboardWeek } from '../testkit/dashboardWeek.js';
import { openTarget } from '../testkit/pageTarget.js';
import { startServer } from '../testkit/serverProcess.js';

const out = 'docs/screenshots/dashboard';
mkdirSync(out, { recursive: true });
const saved: string[] = [];

const now = Date.now();
const server = await startServer({ env: { SCHOOL_TIME_ZONE: noonZone(now) } });
let browser: Browser | null = null;
try {
  await scriptDashboardWeek(server, now);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await openTarget(page, { url: `${server.url}/dashboard`, signIn: { login: 'admin', password: server.adminPassword } });
  await page.getByTestId('dashboard-quality-freezes').waitFor();
  for (let i = 0; i < 50 && (await drawnPixels(page, 'dashboard-quality-freezes')) === 0; i++) await page.waitForTimeout(100);
  await shot(page, 'dashboard');
  const chart = page.getByTestId('dashboard-form-week').locator('canvas');
  const box = (await chart.boundingBox())!;
  await chart.click({ position: { x: box.width * 0.2, y: box.height * 0.5 } });
  await page.getByTestId('dashboard-picked').waitFor();
  await shot(page, 'dashboard-drill-down');
  console.log(`saved ${saved.join(', ')}`);
} finally {
  await browser?.close();
  await server.stop();
}

async function shot(page: Page, name: string): Promise<void> {
  const path = `${out}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  saved.push(path);
}
