import { expect, test } from '@playwright/test';
import type { JoinedLesson } from '../../shared/src/index.js';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { sendSyntheticCamera } from '../../testkit/light/lightParticipant.js';
import { startServer } from '../../testkit/serverProcess.js';
import { connectClient } from '../../server/test/support/signallingClient.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';

test.afterEach(closeOpenedPages);

/*
 * 上行保护 as the teacher sees it: a classroom terminal (a light WebRTC
 * client that ignores the SFU's cap) floods its uplink; the teacher's
 * quality panel turns its row red and says what the SFU does about it, and
 * clears it once the terminal calms down. The SFU's side is measured in
 * server/test/uplinkGuard.integration.test.ts.
 */
test('the teacher’s quality panel says when a classroom floods its uplink and what the SFU does', async ({ browser }) => {
  test.setTimeout(180_000);
  const server = await startServer({ env: { MAX_UPLINK_KBPS: '1000' } });
  try {
    const links = await scheduleLesson({ title: '上行保护', classroomIds: ['shanping-4'] }, server);
    const teacher = await openPage(browser, links.teacher);
    await expect(teacher.getByTestId('quality-panel')).toBeVisible();

    const { classroomId, token } = links.classrooms[0]!;
    const terminal = await connectClient(server.url, token);
    const joined = await terminal.ok<JoinedLesson>({ type: 'joinLesson', lessonId: links.lessonId, role: 'classroom', classroomId });
    const { camera, link } = await sendSyntheticCamera(terminal.ok, 'students', [150_000, 600_000, 3_200_000], 9000);
    try {
      const row = teacher.locator(`[data-testid="quality-row"][data-participant-id="${joined.self.id}"]`);
      await expect(row).toBeVisible();
      const notice = row.getByTestId('quality-uplink');
      await expect(notice).toHaveAttribute('data-level', 'lowest', { timeout: 30_000 });
      await expect(notice).toContainText('上行流量超限');
      await expect(notice).toContainText('上限 1000');
      await expect(row).toHaveAttribute('data-level', 'poor');
      await expect(notice).toHaveAttribute('data-level', 'held', { timeout: 30_000 });
      await expect(notice).toContainText('已暂停转发');

      // After a reload the panel still knows (from the server).
      await teacher.reload();
      await expect(teacher.locator(`[data-testid="quality-row"][data-participant-id="${joined.self.id}"] [data-testid="quality-uplink"]`)).toHaveAttribute('data-level', 'held');

      camera.setRates([100_000, 200_000, 300_000]);
      await expect(teacher.locator(`[data-testid="quality-row"][data-participant-id="${joined.self.id}"] [data-testid="quality-uplink"]`)).toHaveCount(0, { timeout: 60_000 });
    } finally {
      camera.stop();
      await link.close();
      terminal.close();
    }
  } finally {
    await server.stop();
  }
});
