import { expect, test } from '@playwright/test';
import { createGuestLink, scheduleLesson } from '../../testkit/adminApi.js';
import { expectDecoding } from '../support/decoding.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';

test.afterEach(closeOpenedPages);

/*
 * 听课 in real pages: an observer (a teacher of a research group, by a
 * guest link) watches the lesson and decodes the teacher's picture and
 * voice, while the teacher's page and the classroom's show exactly what
 * they showed before it came: no tile, no count, nothing. The teacher finds
 * it in her observer list when she opens it.
 */
test('an observer watches the lesson while no page of the lesson shows it, except the teacher’s observer list', async ({ browser }) => {
  test.setTimeout(180_000);
  const links = await scheduleLesson({ title: '听课测试', classroomIds: ['shanping-4'] });
  const teacher = await openPage(browser, links.teacher);
  const classroom = await openPage(browser, links.classrooms[0]!.url);
  await expectDecoding(teacher, `classroom:shanping-4`, ['video']);
  await expectDecoding(classroom, 'teacher', ['video']);
  const count = teacher.getByTestId('classrooms-online');
  await expect(count).toHaveAttribute('data-count', '1');
  const tilesBefore = await teacher.getByTestId('classroom-tile').count();
  const classroomPicturesBefore = await classroom.locator('[data-participant-id]').count();

  const guest = await createGuestLink(links.lessonId, links.teacherToken);
  const observer = await openPage(browser, guest.url);
  await expectDecoding(observer, 'teacher', ['video', 'audio']);

  // Nothing changed on the lesson's own pages.
  await teacher.waitForTimeout(2000);
  await expect(count).toHaveAttribute('data-count', '1');
  expect(await teacher.getByTestId('classroom-tile').count()).toBe(tilesBefore);
  await expect(teacher.getByTestId('quality-row')).toHaveCount(1);
  expect(await classroom.locator('[data-participant-id]').count()).toBe(classroomPicturesBefore);
  expect(await classroom.locator('[data-participant-id^="observer:"]').count()).toBe(0);
  expect(await classroom.locator('body').innerText()).not.toContain('听课教师');
  expect(await teacher.locator('body').innerText()).not.toContain('听课教师');

  // Her observer list, opened on purpose, names it.
  await teacher.getByTestId('observer-list-button').click();
  await expect(teacher.getByTestId('observer-list')).toHaveAttribute('data-count', '1');
  await expect(teacher.getByTestId('observer-entry')).toContainText('听课教师');

  // 评课: the observer notes a moment; the teacher reads comments when she chooses to, then each as it comes.
  await teacher.getByTestId('start-lesson').click();
  await observer.getByTestId('comment-text').fill('导入部分很自然');
  await observer.getByTestId('comment-send').click();
  await expect(observer.getByTestId('comment-sent')).toContainText('已记下 · 第 0:');
  await expect(teacher.getByTestId('comment-entry')).toHaveCount(0);
  await teacher.getByTestId('comments-live-toggle').click();
  await expect(teacher.getByTestId('comment-entry')).toHaveCount(1);
  await observer.getByTestId('comment-text').fill('小组讨论时间偏短');
  await observer.getByTestId('comment-send').click();
  await expect(observer.getByTestId('comment-sent')).toContainText('小组讨论时间偏短');
  await expect(teacher.getByTestId('comment-entry').first()).toContainText('小组讨论时间偏短');
  await expect(teacher.getByTestId('comment-entry').first()).toContainText('听课教师');
});
