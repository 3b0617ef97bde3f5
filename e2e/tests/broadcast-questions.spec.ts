import { expect, test } from '@playwright/test';
import type { ServerNotice } from '../../shared/src/index.js';
import { connectClient } from '../../server/test/support/signallingClient.js';
import { registerTerminal, runServer, terminalToken } from '../../testkit/adminApi.js';
import { rehearsingBroadcast } from '../../testkit/broadcasts.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';

test.afterEach(closeOpenedPages);

/*
 * 观众提问 through the pages (issue 17): the teacher opens questions on her
 * page; a viewer on the broadcast's page asks one; only the teacher sees it
 * (the lesson's classroom is told nothing); she shows it, and it is on the
 * viewer's screen and sent to the classroom; she takes it down and closes
 * questions, and the viewer's box goes away.
 */
test('a viewer asks, the teacher shows the question to everyone, then takes it down', async ({ browser }) => {
  test.setTimeout(120_000);
  const target = runServer();
  const broadcast = await rehearsingBroadcast(target, '名师课：圆的面积');
  const teacher = await openPage(browser, { url: `${target.url}/lesson/${broadcast.lessonId}/teacher`, signIn: broadcast.teacherLogin });
  await expect(teacher.getByTestId('teacher-page')).toBeVisible();
  await broadcast.step(broadcast.teacher, 'live');

  // The lesson's classroom, as a light client: it must hear nothing of a question until it is shown.
  const terminal = await registerTerminal('shanping-4', target);
  const classroom = await connectClient(target.url, await terminalToken(terminal.credential, target));
  const heard = (): string => JSON.stringify(classroom.notices);
  try {
    await classroom.ok({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'classroom', classroomId: 'shanping-4' });

    const live = await openPage(browser, (await broadcast.output()).watchUrl);
    await live.getByTestId('live-realtime').click();
    const viewer = live;
    await expect(viewer.getByTestId('view-page')).toBeVisible();
    // Questions are closed until the teacher opens them: no box.
    await expect(teacher.getByTestId('viewer-count')).toHaveAttribute('data-count', '1', { timeout: 15_000 });
    await expect(viewer.getByTestId('question-box')).toHaveCount(0);

    const toggle = teacher.getByTestId('questions-toggle');
    await expect(toggle).toHaveText('开放提问');
    await toggle.click();
    await expect(toggle).toHaveAttribute('data-open', 'true');
    await expect(viewer.getByTestId('question-box')).toBeVisible();

    const question = '老师，圆周率为什么不是整数？';
    await viewer.getByTestId('question-text').fill(question);
    await viewer.getByTestId('question-send').click();
    await expect(viewer.getByTestId('question-sent')).toContainText('老师会挑选');
    const entry = teacher.getByTestId('question-entry').filter({ hasText: question });
    await expect(entry).toBeVisible();
    await expect(teacher.getByTestId('questions-panel')).toHaveAttribute('data-waiting', '1');
    // Not shown yet: on no screen, in nobody else's notices.
    await expect(viewer.getByTestId('shown-question')).toHaveCount(0);
    expect(heard()).not.toContain('圆周率');

    await entry.getByTestId('question-show').click();
    await expect(viewer.getByTestId('shown-question')).toContainText(question);
    await expect(teacher.getByTestId('questions-shown')).toContainText(question);
    await expect(teacher.getByTestId('question-entry')).toHaveCount(0);
    await expect.poll(() => classroom.notices.some((n: ServerNotice) => n.type === 'questionShown' && n.question?.text === question)).toBe(true);

    await teacher.getByTestId('question-take-down').click();
    await expect(viewer.getByTestId('shown-question')).toHaveCount(0);
    await toggle.click();
    await expect(toggle).toHaveAttribute('data-open', 'false');
    await expect(viewer.getByTestId('question-box')).toHaveCount(0);
  } finally {
    classroom.close();
  }
});
