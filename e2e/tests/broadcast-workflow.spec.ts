import { expect, test, type Page } from '@playwright/test';
import { z } from 'zod';
import { publicBroadcastSchema } from '../../shared/src/broadcasts.js';
import { apiCall, createPerson, createTeacher, runServer } from '../../testkit/adminApi.js';
import { expectDecoding } from '../support/decoding.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';

test.afterEach(closeOpenedPages);

/** The value of an `<input type="datetime-local">` for a moment, in the browser's (this machine's) zone. */
const localInput = (at: number) => new Date(at - new Date(at).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** The lists read again as they do when the tab comes back into focus. */
const refocus = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('focus')));

/*
 * 名师直播 through the pages (issue 17, test 1): a teacher applies twice; the
 * bureau sees the count waiting and approves one while the teacher's page
 * still offers 撤回 — her click is refused in plain Chinese — and rejects the
 * other with a reason (the teacher's list shows it); the bureau schedules it; the
 * teacher opens the rehearsal (彩排), which the public list does not show,
 * and enters the lesson; the bureau looks in; the bureau starts it live (the
 * public list shows it live, the teacher's lesson goes live), the teacher ends it.
 */
test('a broadcast from application to the end, through the teacher’s and the bureau’s pages', async ({ browser }) => {
  test.setTimeout(150_000);
  const target = runServer();
  const teacher = await createTeacher(target);
  const bureau = await createPerson({ role: 'bureauAdmin', name: '赵科长' }, target);
  const publicList = () => apiCall(target.url, '/broadcasts/public', z.array(publicBroadcastSchema));
  const publicState = async (id: string) => (await publicList()).find((b) => b.id === id)?.state ?? 'not listed';

  const teach = await openPage(browser, { url: `${target.url}/broadcasts`, signIn: { login: teacher.login, password: teacher.password } });
  await expect(teach.getByTestId('broadcasts-page')).toHaveAttribute('data-phase', 'signedIn');
  const apply = async (title: string) => {
    await teach.getByTestId('broadcast-title').fill(title);
    await teach.getByTestId('broadcast-host').selectOption('chengguan-4-1');
    await teach.getByTestId('broadcast-subject').fill('数学');
    await teach.getByTestId('broadcast-grade').fill('五年级');
    await teach.getByTestId('broadcast-starts').fill(localInput(Date.now() + 3600_000));
    await teach.getByTestId('broadcast-ends').fill(localInput(Date.now() + 2 * 3600_000));
    await teach.getByTestId('broadcast-viewers').fill('300');
    await teach.locator('[data-testid="broadcast-classroom"][data-classroom-id="shanping-4"]').check();
    await teach.getByTestId('broadcast-submit').click();
    await expect(teach.getByTestId('broadcast-sent')).toContainText(title);
    const card = teach.getByTestId('broadcast-card').filter({ hasText: title });
    await expect(card).toHaveAttribute('data-state', 'applied');
    await expect(card.getByTestId('broadcast-state')).toHaveText('待审核');
    return (await card.getAttribute('data-broadcast-id'))!;
  };
  const rejectedId = await apply('名师课：要补材料的课');
  const id = await apply('名师课：分数的意义');
  const teacherCard = teach.locator(`[data-testid="broadcast-card"][data-broadcast-id="${id}"]`);

  const review = await openPage(browser, { url: `${target.url}/broadcasts`, signIn: bureau });
  const pending = review.getByTestId('broadcast-pending');
  await expect(pending).toContainText('个直播申请等待审核');
  expect(Number(await pending.getAttribute('data-count'))).toBeGreaterThanOrEqual(2);
  const before = Number(await pending.getAttribute('data-count'));
  const reviewCard = (which: string) => review.locator(`[data-testid="broadcast-card"][data-broadcast-id="${which}"]`);

  await reviewCard(id).getByTestId('broadcast-approve').click();
  await expect(reviewCard(id)).toHaveAttribute('data-state', 'approved');
  await expect(pending).toHaveAttribute('data-count', String(before - 1));

  // The teacher's page has not looked again yet: her 撤回 of the approved broadcast is refused, in the table's words.
  await teacherCard.getByTestId('broadcast-withdraw').click();
  await expect(teacherCard.getByTestId('timetable-refusal')).toHaveText('已批准的直播不能再撤回：只有待审核的直播可以撤回。');

  // 驳回 needs a reason; with one, the teacher's list shows it.
  await reviewCard(rejectedId).getByTestId('broadcast-reject').click();
  await expect(reviewCard(rejectedId).getByRole('alert')).toContainText('请先写下原因');
  await reviewCard(rejectedId).getByTestId('broadcast-reason-input').fill('请补充教学设计');
  await reviewCard(rejectedId).getByTestId('broadcast-reject').click();
  await expect(reviewCard(rejectedId)).toHaveAttribute('data-state', 'rejected');
  await expect(pending).toHaveAttribute('data-count', String(before - 2));

  await refocus(teach);
  await expect(teacherCard).toHaveAttribute('data-state', 'approved');
  await expect(teacherCard.getByTestId('broadcast-withdraw')).toHaveCount(0);
  const rejectedCard = teach.locator(`[data-testid="broadcast-card"][data-broadcast-id="${rejectedId}"]`);
  await expect(rejectedCard.getByTestId('broadcast-state')).toHaveText('已驳回');
  await expect(rejectedCard.getByTestId('broadcast-reason')).toHaveText('原因：请补充教学设计');
  // Nothing is left for her to do with an approved one (no button offers an invalid step).
  await expect(teacherCard.locator('button')).toHaveCount(0);

  await reviewCard(id).getByTestId('broadcast-schedule').click();
  await expect(reviewCard(id)).toHaveAttribute('data-state', 'scheduled');
  expect(await publicState(id)).toBe('scheduled');
  await refocus(teach);
  await expect(teacherCard).toHaveAttribute('data-state', 'scheduled');
  // The bureau cannot go live before the rehearsal: its card offers only 开始彩排 and 取消.
  await expect(reviewCard(id).getByTestId('broadcast-goLive')).toHaveCount(0);

  // 彩排: invisible to the public; the teacher enters the lesson, the bureau looks in.
  await teacherCard.getByTestId('broadcast-openRehearsal').click();
  await expect(teacherCard).toHaveAttribute('data-state', 'rehearsal');
  await expect(teacherCard.getByTestId('broadcast-state')).toHaveText('彩排中（观众看不到）');
  expect(await publicState(id)).toBe('not listed');
  await teacherCard.getByTestId('broadcast-enter').click();
  await expect(teach).toHaveURL(/\/lesson\/[^/]+\/teacher$/);
  const lessonId = decodeURIComponent(/\/lesson\/([^/]+)\/teacher$/.exec(teach.url())![1]!);
  await expect(teach.getByTestId('lesson-status')).toHaveAttribute('data-status', 'waiting');

  await refocus(review);
  await expect(reviewCard(id)).toHaveAttribute('data-state', 'rehearsal');
  await expect(reviewCard(id).getByTestId('broadcast-enter')).toHaveAttribute('href', `/lesson/${encodeURIComponent(lessonId)}/watch`);
  const look = await openPage(browser, { url: `${target.url}/lesson/${encodeURIComponent(lessonId)}/watch`, signIn: bureau });
  await expect(look.getByTestId('watch-page')).toBeVisible();
  // The bureau checks the rehearsal's picture and sound: it decodes the teacher's camera and microphone.
  await expectDecoding(look, 'teacher', ['video', 'audio']);
  await look.close();

  // 开始直播 from the bureau's page: the public list and the teacher's lesson go live.
  await reviewCard(id).getByTestId('broadcast-goLive').click();
  await expect(reviewCard(id)).toHaveAttribute('data-state', 'live');
  expect(await publicState(id)).toBe('live');
  await expect(teach.getByTestId('lesson-status')).toHaveAttribute('data-status', 'live');

  // 结束直播 from the teacher's list: ended, its recording to the library.
  await teach.goto(`${target.url}/broadcasts`);
  await teacherCard.getByTestId('broadcast-end').click();
  await expect(teacherCard).toHaveAttribute('data-state', 'ended');
  await expect(teacherCard.getByTestId('broadcast-recording')).toBeVisible();
  expect(await publicState(id)).toBe('not listed');
});
