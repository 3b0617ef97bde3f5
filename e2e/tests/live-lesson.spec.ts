import { expect, test } from '@playwright/test';
import { expectDecoding } from '../support/decoding.js';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { closeOpenedPages, mediaCounts, openPage, preferredLayer } from '../support/lesson.js';
import { outboundStats } from '../support/supportClassroom.js';


test.afterEach(closeOpenedPages);

test('a teacher and two classrooms see and hear each other through the SFU', async ({ browser }) => {
  const links = await scheduleLesson();
  const [a, b] = links.classrooms;
  // All three at once, as at the bell: tracks announced while a page is still
  // setting up its transports must not be lost.
  const [teacher, classroomA, classroomB] = await Promise.all([
    openPage(browser, links.teacher),
    openPage(browser, a!.url),
    openPage(browser, b!.url),
  ]);
  const idA = `classroom:${a!.classroomId}`;
  const idB = `classroom:${b!.classroomId}`;

  await expectDecoding(classroomA, 'teacher');
  await expectDecoding(classroomB, 'teacher');
  await expectDecoding(teacher, idA, ['video']);
  await expectDecoding(teacher, idB, ['video']);
  await expectDecoding(classroomA, idB, ['video']);
  // The teacher fills each classroom's screen: the SFU is asked for her sharpest layer from the start,
  // and the other classroom, a small tile, for the lowest.
  await expect.poll(() => preferredLayer(links.lessonId, idA, 'teacher')).toBe(2);
  await expect.poll(() => preferredLayer(links.lessonId, idB, 'teacher')).toBe(2);
  await expect.poll(() => preferredLayer(links.lessonId, idA, idB)).toBe(0);
  // And the senders encode just that: the teacher her 1280×720 layer, a classroom,
  // shown nowhere larger than a tile, only its 320×180 one.
  const sentWidth = async (page: typeof teacher, source: string): Promise<number> => (await outboundStats(page)).find((s) => s.source === source)?.frameWidth ?? -1;
  await expect.poll(() => sentWidth(teacher, 'teacher'), { timeout: 30_000 }).toBe(1280);
  await expect.poll(() => sentWidth(classroomB, 'students'), { timeout: 30_000 }).toBe(320);

  // Classroom microphones reach the others only when the teacher opens them:
  // in discussion (讨论) everyone hears everyone.
  await teacher.getByTestId('discussion-toggle').click();
  await expectDecoding(teacher, idA, ['audio']);
  await expectDecoding(teacher, idB, ['audio']);
  await expectDecoding(classroomA, idB, ['audio']);

  // The teacher starts the lesson; every classroom sees it.
  await teacher.getByTestId('start-lesson').click();
  await expect(classroomA.getByTestId('lesson-status')).toContainText('上课中');
  await expect(classroomB.getByTestId('lesson-status')).toContainText('上课中');
});

test('a classroom that closes its page is gone within 5 s and its media is closed on the server', async ({ browser }) => {
  const links = await scheduleLesson();
  const [a, b] = links.classrooms;
  const teacher = await openPage(browser, links.teacher);
  const classroomA = await openPage(browser, a!.url);
  const classroomB = await openPage(browser, b!.url);
  const idB = `classroom:${b!.classroomId}`;
  await expectDecoding(teacher, idB, ['video']);
  await expectDecoding(classroomA, idB, ['video']);
  await expectDecoding(classroomB, 'teacher', ['video']);

  const before = await mediaCounts();
  await classroomB.context().close();
  const closedAt = Date.now();
  await expect(teacher.locator(`[data-participant-id="${idB}"]`)).toHaveCount(0, { timeout: 5000 });
  await expect(classroomA.locator(`[data-participant-id="${idB}"]`)).toHaveCount(0, { timeout: Math.max(0, 5000 - (Date.now() - closedAt)) });
  // B had 2 transports and 2 producers; it consumed 4 tracks (teacher and A), and 2 consumers of B's tracks existed at each of teacher and A.
  await expect.poll(mediaCounts, { timeout: 5000 }).toEqual({
    routers: before.routers,
    transports: before.transports - 2,
    producers: before.producers - 2,
    consumers: before.consumers - 4 - 4,
  });

  // The same link brings the classroom back into its place.
  const again = await openPage(browser, b!.url);
  await expectDecoding(teacher, idB, ['video']);
  await expectDecoding(again, 'teacher', ['video']);
});
