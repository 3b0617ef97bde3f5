import { expect, test, type Page } from '@playwright/test';
import { scheduleLesson, type ScheduledLesson } from '../../testkit/adminApi.js';
import { measureCpu } from '../../testkit/cpu.js';
import { serverHealth } from '../../testkit/health.js';
import { inboundStats } from '../../testkit/inboundStats.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { expectDecoding } from '../support/decoding.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';
import { recordTiming, timeUntil } from '../support/timing.js';

test.afterEach(closeOpenedPages);

/** The goal: a lesson whose worker died decodes again within this. */
const BACK_WITHIN_MS = 10_000;
/** A lesson on another worker must never stop for longer than this. */
const MAX_GAP_MS = 1000;
const SAMPLE_EVERY_MS = 200;

/** The video a page receives from one participant: which producer, and frames decoded so far (null before it has one). */
async function videoFrom(page: Page, participantId: string): Promise<{ producerId: string; framesDecoded: number } | null> {
  const row = (await inboundStats(page)).find((r) => r.participantId === participantId && r.kind === 'video');
  return row ? { producerId: row.producerId, framesDecoded: row.framesDecoded } : null;
}

/**
 * Samples a page's decoded frames from one sender every ~200 ms until
 * stopped; returns the longest time in which no new frame was decoded, and
 * whether the picture ever came from another producer (a restart).
 */
function watchFrames(page: Page, participantId: string): { stop(): Promise<{ maxGapMs: number; producers: number; samples: number }> } {
  let stopped = false;
  const producers = new Set<string>();
  let samples = 0;
  let lastFrames = -1;
  let lastNewFrameAt = Date.now();
  let maxGapMs = 0;
  const running = (async () => {
    while (!stopped) {
      const sampledAt = Date.now();
      const video = await videoFrom(page, participantId);
      samples++;
      if (video) producers.add(video.producerId);
      const frames = video?.framesDecoded ?? -1;
      if (frames > lastFrames) {
        maxGapMs = Math.max(maxGapMs, sampledAt - lastNewFrameAt);
        lastNewFrameAt = sampledAt;
        lastFrames = frames;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, SAMPLE_EVERY_MS - (Date.now() - sampledAt))));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await running;
      return { maxGapMs: Math.max(maxGapMs, Date.now() - lastNewFrameAt), producers: producers.size, samples };
    },
  };
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
async function openLesson(page: (url: string) => Promise<Page>, lesson: ScheduledLesson): Promise<{ teacher: Page; classroom: Page; classroomId: string }> {
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
    const open = (url: string): Promise<Page> => openPage(browser, url);
    const hit = await openLesson(open, await scheduleLesson({ title: '甲班数学' }, server));
    const hitWorker = (await serverHealth(server)).workers.find((w) => w.lessons === 1)!;
    const spared = await openLesson(open, await scheduleLesson({ title: '乙班语文' }, server));
    // Each lesson on its own worker: the least-loaded worker took the second one.
    expect((await serverHealth(server)).workers.map((w) => w.lessons)).toEqual([1, 1]);

    const before = { atClassroom: (await videoFrom(hit.classroom, 'teacher'))!.producerId, atTeacher: (await videoFrom(hit.teacher, hit.classroomId))!.producerId };
    const watch = watchFrames(spared.classroom, 'teacher');
    await new Promise((r) => setTimeout(r, 1000));
    const cpu = measureCpu();
    process.kill(hitWorker.pid, 'SIGKILL');
    const classroomBack = decodingAnew(hit.classroom, 'teacher', before.atClassroom);
    const teacherBack = decodingAnew(hit.teacher, hit.classroomId, before.atTeacher);
    const backMs = await timeUntil(async () => (await classroomBack()) && (await teacherBack()), 30_000, 'the hit lesson decodes again');
    const figures = cpu.stop();
    // The spared lesson keeps being watched a while after the other has set up its media again.
    await new Promise((r) => setTimeout(r, 3000));
    const spare = await watch.stop();

    recordTiming('worker_kill_to_decoding_ms', backMs);
    recordTiming('worker_kill_other_lesson_max_gap_ms', spare.maxGapMs);
    console.log(
      `[worker kill] hit lesson decoding again after ${backMs} ms; spared lesson's longest gap ${spare.maxGapMs} ms over ${spare.samples} samples; ` +
        `CPU ${figures.machine_pct} % of ${figures.cores} cores (load ${figures.load_avg})`,
    );
    const health = await serverHealth(server);
    expect(health.workers.every((w) => w.alive)).toBe(true);
    expect(health.workers.find((w) => w.index === hitWorker.index)!.pid).not.toBe(hitWorker.pid);
    expect(backMs).toBeLessThanOrEqual(BACK_WITHIN_MS);
    expect(spare.producers).toBe(1);
    expect(spare.maxGapMs).toBeLessThan(MAX_GAP_MS);
  } finally {
    await closeOpenedPages();
    await server?.stop();
  }
});
