import { copyFileSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { externalRedis } from '../../testkit/externalRedis.js';
import { serverHealth } from '../../testkit/health.js';
import { startServer, workerBinEnv, type ServerProcess } from '../../testkit/serverProcess.js';
import { freeLoopbackPort } from '../../server/src/redis/freePort.js';
import { expectDecoding } from '../support/decoding.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';

test.afterEach(closeOpenedPages);

/*
 * What a classroom sees while the server repairs a fault by itself: a calm
 * banner saying so (in Chinese first), gone again once it is repaired — and
 * nobody has to touch the page.
 */

test('no media worker can be started: the classroom page says so, and the picture comes back once one runs', async ({ browser }) => {
  const workerBin = join(mkdtempSync(join(tmpdir(), 'tongtang-worker-')), 'mediasoup-worker');
  copyFileSync(workerBinEnv()['MEDIASOUP_WORKER_BIN']!, workerBin);
  let server: ServerProcess | null = null;
  try {
    server = await startServer({ env: { WORKERS: '1', MEDIASOUP_WORKER_BIN: workerBin } });
    const lesson = await scheduleLesson({}, server);
    const teacher = await openPage(browser, lesson.teacher);
    const classroom = await openPage(browser, lesson.classrooms[0]!.url);
    await expectDecoding(classroom, 'teacher', ['video']);

    const [worker] = (await serverHealth(server)).workers;
    renameSync(workerBin, `${workerBin}.away`);
    process.kill(worker!.pid, 'SIGKILL');
    const banner = classroom.locator('[data-testid="recovery-banner"][data-recovering="media"]');
    await expect(banner).toBeVisible({ timeout: 10_000 });
    await expect(banner).toContainText('媒体服务器');
    await expect(teacher.locator('[data-testid="recovery-banner"][data-recovering="media"]')).toBeVisible();

    renameSync(`${workerBin}.away`, workerBin);
    await expect(banner).toHaveCount(0, { timeout: 20_000 });
    await expectDecoding(classroom, 'teacher', ['video']);
  } finally {
    await closeOpenedPages();
    await server?.stop();
  }
});

test('an external Redis restarts: the page says the server is recovering, and the banner goes when it is back', async ({ browser }) => {
  const redis = await externalRedis(await freeLoopbackPort(), mkdtempSync(join(tmpdir(), 'tongtang-redis-')));
  let server: ServerProcess | null = null;
  try {
    server = await startServer({ env: { REDIS_URL: redis.url } });
    const lesson = await scheduleLesson({}, server);
    // In English: ?lang=en goes before the fragment, which holds the terminal's link.
    const url = new URL(lesson.classrooms[0]!.url);
    url.searchParams.set('lang', 'en');
    const classroom = await openPage(browser, url.href);
    await expect(classroom.getByTestId('raise-hand')).toBeEnabled();

    await redis.shutdown();
    const banner = classroom.locator('[data-testid="recovery-banner"][data-recovering="liveState"]');
    await expect(banner).toBeVisible({ timeout: 5000 });
    await expect(banner).toContainText('recovering');
    await redis.start();
    await expect(banner).toHaveCount(0, { timeout: 15_000 });
  } finally {
    await closeOpenedPages();
    await server?.stop();
    await redis.shutdown();
  }
});
