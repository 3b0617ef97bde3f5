import type { PageTarget } from '../../testkit/pageTarget.js';
import { expect, test, type Page } from '@playwright/test';
import { scheduleLesson, type ScheduledLesson } from '../../testkit/adminApi.js';
import { measureCpu } from '../../testkit/cpu.js';
import { serverHealth } from '../../testkit/health.js';
import { inboundStats } from '../../testkit/inboundStats.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { expectDecoding } from '../support/decoding.js';
import { watchFreezes } from '../support/freezes.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';
import { recordTiming, timeUntil } from '../support/timing.js';

test.afterEach(closeOpenedPages);

/** The goal: a lesson whose worker died decodes again within this. */
const BACK_WITHIN_MS = 10_000;
/** A lesson on another worker must never stop for longer than this. */
const MAX_GAP_MS = 1000;

/** The video a page receives from one participant: which producer, and frames decoded so far (null before it has one). */
async function videoFrom(page: Page, participantId: string): Promise<{ producerId: string; framesDecoded: number } | null> {
  const row = (await inboundStats(page)).find((r) => r.participantId === participantId && r.kind === 'video');
  return row ? { producerId: row.producerId, framesDecoded: row.framesDecoded } : null;
}

/** A page decodes a sender's video again on a new producer: two samples with frames rising. */
function decodingAnew(page: Page, participantId: string, oldProducerId: string): () => Promise<boolean> {
  let seen: { producerId: string; framesDecoded: number } | null = null;
  return async () => {
    const video = await videoFrom(page, participantId);
    if (!video || video.producerId === oldProducerId) return false;
    const rising = seen !== null && seen.producerId === video.producerId && video.framesDecoded > seen.framesDecoded && seen.framesDecoded > 0;
    seen = video;
    return rising;
  };
}

/** A teacher and one classroom of a lesson, both decoding each other. */
async function openLesson(page: (target: PageTarget) => Promise<Page>, lesson: ScheduledLesson): Promise<{ teacher: Page; classroom: Page; classroomId: string }> {
  const teacher = await page(lesson.teacher);
  const classroom = await page(lesson.classrooms[0]!.url);
  const classroomId = `classroom:${lesson.classrooms[0]!.classroomId}`;
  await expectDecoding(classroom, 'teacher', ['video']);
  await expectDecoding(teacher, classroomId, ['video']);
  return { teacher, classroom, classroomId };
}

test('a killed media worker: its lesson decodes again within 10 s, the lesson on the other worker never stops', async ({ browser }) => {
  let server: ServerProcess | null = null;
  try {
    server = await startServer({ env: { WORKERS: '2' } });
    const open = (target: PageTarget): Promise<Page> => openPage(browser, target);
    const hit = await openLesson(open, await scheduleLesson({ title: '甲班数学' }, server));
    const hitWorker = (await serverHealth(server)).workers.find((w) => w.lessons === 1)!;
    // The spared lesson's pages keep their peer connections where the test can ask them for freezes.
    const spared = await openLesson((target) => openPage(browser, target, { peers: true }), await scheduleLesson({ title: '乙班语文' }, server));
    // Each lesson on its own worker: the least-loaded worker took the second one.
    expect((await serverHealth(server)).workers.map((w) => w.lessons)).toEqual([1, 1]);

    const before = { atClassroom: (await videoFrom(hit.classroom, 'teacher'))!.producerId, atTeacher: (await videoFrom(hit.teacher, hit.classroomId))!.producerId };
    const sparedProducer = (await videoFrom(spared.classroom, 'teacher'))!.producerId;
    // Control: the spared lesson on this machine, before anything happens (its freezes are the CPU's, not the kill's).
    const control = watchFreezes(spared.classroom);
    await new Promise((r) => setTimeout(r, 4000));
    const calm = await control.stop();
    const watch = watchFreezes(spared.classroom);
    const cpu = measureCpu();
    process.kill(hitWorker.pid, 'SIGKILL');
    const classroomBack = decodingAnew(hit.classroom, 'teacher', before.atClassroom);
    const teacherBack = decodingAnew(hit.teacher, hit.classroomId, before.atTeacher);
    const backMs = await timeUntil(async () => (await classroomBack()) && (await teacherBack()), 30_000, 'the hit lesson decodes again');
    const figures = cpu.stop();
    // The spared lesson keeps being watched a while after the other has set up its media again.
    await new Promise((r) => setTimeout(r, 3000));
    const spare = await watch.stop();
    const sameProducer = (await videoFrom(spared.classroom, 'teacher'))!.producerId === sparedProducer;

    recordTiming('worker_kill_to_decoding_ms', backMs);
    recordTiming('worker_kill_other_lesson_longest_freeze_ms', spare.longestFreezeMs);
    console.log(
      `[worker kill] hit lesson decoding again after ${backMs} ms; spared lesson: longest freeze ≤ ${spare.longestFreezeMs} ms, ` +
        `${spare.freezes} freezes ${spare.frozenMs} ms in all, ${spare.fps} fps (before the kill: ≤ ${calm.longestFreezeMs} ms, ${calm.freezes} freezes, ${calm.fps} fps); ` +
        `CPU ${figures.machine_pct} % of ${figures.cores} cores (load ${figures.load_avg})`,
    );
    const health = await serverHealth(server);
    expect(health.workers.every((w) => w.alive)).toBe(true);
    expect(health.workers.find((w) => w.index === hitWorker.index)!.pid).not.toBe(hitWorker.pid);
    expect(backMs).toBeLessThanOrEqual(BACK_WITHIN_MS);
    // The spared lesson's media was never restarted, and it never stopped for a second.
    expect(sameProducer).toBe(true);
    expect(spare.longestFreezeMs).toBeLessThan(MAX_GAP_MS);
  } finally {
    await closeOpenedPages();
    await server?.stop();
  }
});
