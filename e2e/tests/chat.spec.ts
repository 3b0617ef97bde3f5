import { expect, test } from '@playwright/test';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';


test.afterEach(closeOpenedPages);

test('chat reaches everyone, is kept on reload, can be switched off, and shows markup as text', async ({ browser }) => {
  const links = await scheduleLesson({ title: '文字互动' });
  const [a, b] = links.classrooms;
  const teacher = await openPage(browser, links.teacher);
  const classroomA = await openPage(browser, a!.url);
  const classroomB = await openPage(browser, b!.url);
  await classroomA.getByTestId('chat-open').click();
  await classroomB.getByTestId('chat-open').click();

  await classroomA.getByTestId('chat-input').fill('老师，我们听清楚了');
  await classroomA.getByTestId('chat-send').click();
  for (const page of [teacher, classroomB]) await expect(page.getByTestId('chat-message').last()).toContainText('老师，我们听清楚了');

  const injection = '<img src=x onerror="window.__injected=1">';
  await classroomA.getByTestId('chat-input').fill(injection);
  await classroomA.getByTestId('chat-input').press('Enter');
  for (const page of [teacher, classroomB]) {
    await expect(page.getByTestId('chat-message').last()).toContainText(injection);
    await expect(page.getByTestId('chat-panel').locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  }

  await classroomB.reload();
  await classroomB.getByTestId('chat-open').click();
  await expect(classroomB.getByTestId('chat-message')).toHaveCount(2);
  await expect(classroomB.getByTestId('chat-message').first()).toContainText('老师，我们听清楚了');

  await teacher.getByTestId('chat-toggle').click();
  await expect(classroomA.getByTestId('chat-panel')).toContainText('老师已关闭文字互动');
  await expect(classroomA.getByTestId('chat-input')).toBeDisabled();
  // The teacher can still write; her message reaches the classrooms.
  await teacher.getByTestId('chat-input').fill('请大家先听我讲');
  await teacher.getByTestId('chat-send').click();
  await expect(classroomA.getByTestId('chat-message').last()).toContainText('请大家先听我讲');
});
