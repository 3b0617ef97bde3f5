import { expect, test, type Browser, type Page } from '@playwright/test';
import { lessonMedia, scheduleLesson, type ScheduledLesson } from '../../testkit/adminApi.js';
import { measureCpu, type CpuFigures } from '../../testkit/cpu.js';
import { inboundStats } from '../../testkit/inboundStats.js';
import { joinLightObservers, type LightObserver } from '../../testkit/light/lightObservers.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { expectDecoding } from '../support/decoding.js';
import { watchFreezes, type FreezeWatch } from '../support/freezes.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';

const OBSERVERS = 20;
/** How long the classroom's decoding of the teacher's picture is watched before the latency check (and through it). */
const WATCH_MS = 10_000;
/** From both pages decoding to the measurement: the downlink estimate's ramp-up and, in the second phase, the observers' joining are over. */
const SETTLE_MS = 12_000;
/** Pairs of phases measured at most, until one was loaded alike by the rest of the machine. */
const PAIRS = 3;
/** Loaded alike: the share of the machine other runs took differs by at most this many points between the two phases. */
const SAME_LOAD_POINTS = 15;
/** A phase with the machine this busy tells nothing about the lesson: every process waited for a core. */
const SATURATED_PCT = 97;

/*
 * Tolerances. Each phase runs on this shared 2-core machine, where the two
 * pages' 720p simulcast already take most of both cores, the twenty light
 * observers' SRTP runs in this test's own process, and other engineers'
 * runs come and go. Measured here with nobody but the two pages, a lesson's
 * first check found the pictures' way there and back (teacher → classroom +
 * classroom → teacher, median) anywhere from 151 to 355 ms, and a 10 s
 * window decoded 7.7 to 10.8 fps of the 10 fps camera. The margins take
 * that noise; a cost a classroom would notice (a picture losing a third of
 * its frames, a quarter of a second more delay) stays outside them.
 */
/** The classroom's decoded frame rate with observers, as a share of the rate without. */
const FPS_SHARE = 0.8;
/** How much later the pictures may arrive with observers, there and back: half the baseline, at least 150 ms. */
const latencyMargin = (baselineMs: number): number => Math.max(150, 0.5 * baselineMs);

let server: ServerProcess;

// Its own server: the CPU figures then cover the server, its mediasoup worker and Chromium (all under this process).
test.beforeAll(async () => {
  server = await startServer({ env: { LOG_LEVEL: 'warn' } });
});

test.afterAll(async () => {
  await server?.stop();
});

test.afterEach(closeOpenedPages);

type LatencyKind = 'down-video' | 'down-audio' | 'up-video' | 'up-audio' | 'round-trip';
type LatencyApi = { tongtangLatency: { state(): { running: boolean; probe: { probeId: string } | null; reports: Record<string, unknown> } } };

/** What one phase measured at the classroom. */
interface Phase {
  decoding: FreezeWatch;
  /** The teacher's 延迟检测 table for the classroom: median ms per kind (null where it measured none). */
  latency: Record<LatencyKind, number | null>;
  cpu: CpuFigures;
  /** This test's own process (the light observers' SRTP and the test driver), % of one core. */
  driverPct: number;
}

/** Runs the teacher's 延迟检测 from her button and reads her table's row for the classroom once both pages reported. */
async function latencyCheck(teacher: Page, classroom: Page, classroomId: string): Promise<Phase['latency']> {
  const probeNow = (page: Page) => page.evaluate(() => (window as unknown as LatencyApi).tongtangLatency.state());
  const before = (await probeNow(teacher)).probe?.probeId ?? null;
  await teacher.getByTestId('latency-probe-start').click();
  await expect
    .poll(
      async () => {
        const state = await probeNow(teacher);
        return state.probe !== null && state.probe.probeId !== before && !state.running && 'teacher' in state.reports && classroomId in state.reports;
      },
      { message: 'the teacher’s table has both ends’ reports', timeout: 60_000 },
    )
    .toBe(true);
  // The classroom has its camera back before anything else is measured.
  await expect.poll(async () => (await probeNow(classroom)).running, { timeout: 30_000 }).toBe(false);
  const row = teacher.locator(`[data-testid="latency-row"][data-classroom-id="${classroomId}"]`);
  const figures = {} as Phase['latency'];
  for (const kind of ['down-video', 'down-audio', 'up-video', 'up-audio', 'round-trip'] as const) {
    const ms = await row.locator(`[data-kind="${kind}"]`).getAttribute('data-ms');
    figures[kind] = ms === null ? null : Number(ms);
  }
  return figures;
}

/**
 * The classroom's decoding of the teacher's picture for WATCH_MS, then the
 * lesson's latency check, with CPU over both. Decoding is watched through
 * the check too (its pattern is the teacher's picture at the camera's frame
 * rate): a longer window, so one slow moment of the machine weighs less.
 */
async function measure(teacher: Page, classroom: Page, classroomId: string): Promise<Phase> {
  const cpu = measureCpu();
  const driverFrom = process.cpuUsage();
  const startedAt = performance.now();
  const watch = watchFreezes(classroom);
  await classroom.waitForTimeout(WATCH_MS);
  const latency = await latencyCheck(teacher, classroom, classroomId);
  const decoding = await watch.stop();
  const driver = process.cpuUsage(driverFrom);
  const driverPct = Math.round((driver.user + driver.system) / 10 / (performance.now() - startedAt));
  return { decoding, latency, cpu: cpu.stop(), driverPct };
}

/** The bytes each observer has received so far of each producer. */
const snapshot = (observers: LightObserver[]): Array<Map<string, number>> =>
  observers.map((o) => new Map([...o.received].map(([producerId, bytes]) => [producerId, bytes.total])));

/** A fresh lesson of the teacher and one classroom, both pages decoding each other. */
async function openLesson(browser: Browser, title: string): Promise<{ lesson: ScheduledLesson; teacher: Page; classroom: Page; classroomId: string }> {
  const lesson = await scheduleLesson({ title, classroomIds: ['shanping-4'] }, server);
  const classroomId = `classroom:${lesson.classrooms[0]!.classroomId}`;
  const teacher = await openPage(browser, lesson.teacher);
  const classroom = await openPage(browser, lesson.classrooms[0]!.url, { peers: true });
  await expectDecoding(classroom, 'teacher', ['video']);
  await expectDecoding(teacher, classroomId, ['video']);
  // The classroom receives one picture, the teacher's main one: its page's video figures are that picture's.
  expect((await inboundStats(classroom)).filter((r) => r.kind === 'video').map((r) => r.participantId)).toEqual(['teacher']);
  return { lesson, teacher, classroom, classroomId };
}

/** The lesson without observers, measured after SETTLE_MS. */
async function withoutObservers(browser: Browser): Promise<Phase> {
  const { teacher, classroom, classroomId } = await openLesson(browser, '听课压力 · 对照');
  // The downlink estimate ramps up in the first seconds; both phases start from a settled lesson.
  await classroom.waitForTimeout(SETTLE_MS);
  const phase = await measure(teacher, classroom, classroomId);
  console.log('[observer load] without observers', JSON.stringify(phase));
  await closeOpenedPages();
  return phase;
}

/**
 * The lesson with OBSERVERS light observers, measured after SETTLE_MS; on the
 * way, what does not depend on the machine's load: every observer receives
 * the teacher's picture and voice throughout, at the lowest layer, and no
 * page of the lesson shows any of them.
 */
async function withObservers(browser: Browser): Promise<Phase & { observerKbps: number[] }> {
  const { lesson, teacher, classroom, classroomId } = await openLesson(browser, '听课压力');
  const count = teacher.getByTestId('classrooms-online');
  await expect(count).toHaveAttribute('data-count', '1');
  const teacherTiles = await teacher.getByTestId('classroom-tile').count();
  const classroomPictures = await classroom.locator('[data-participant-id]').count();
  const joinedAt = Date.now();
  const observers = await joinLightObservers(OBSERVERS, lesson, server);
  try {
    const teacherTracks = observers[0]!.tracks.filter((t) => t.participantId === 'teacher');
    expect(teacherTracks.map((t) => t.kind).sort()).toEqual(['audio', 'video']);
    await expect
      .poll(() => observers.every((o) => teacherTracks.every((t) => o.received.get(t.producerId)!.total > 0)), { message: 'every observer receives the teacher', timeout: 30_000 })
      .toBe(true);
    // They watch at the place the SFU gives a picture nobody placed (a tile: the lowest layer); the classroom keeps the top one.
    const media = (await lessonMedia(lesson.lessonId, server))!;
    const teacherCamera = (participantId: string) =>
      media.receivers.find((r) => r.participantId === participantId)?.consumers.find((c) => c.from === 'teacher' && c.kind === 'video')?.preferredSpatialLayer;
    expect(observers.map((o) => teacherCamera(o.participantId))).toEqual(observers.map(() => 0));
    expect(teacherCamera(classroomId)).toBe(2);
    await classroom.waitForTimeout(Math.max(0, SETTLE_MS - (Date.now() - joinedAt)));

    const from = snapshot(observers);
    const fromAt = Date.now();
    const phase = await measure(teacher, classroom, classroomId);
    const to = snapshot(observers);
    const seconds = (Date.now() - fromAt) / 1000;
    console.log('[observer load] with observers', JSON.stringify(phase));
    // Every observer kept receiving the teacher's picture and voice while the lesson was measured.
    for (const [i, observer] of observers.entries()) {
      for (const track of teacherTracks) expect(to[i]!.get(track.producerId)! - from[i]!.get(track.producerId)!, `${observer.participantId} receives the teacher’s ${track.kind}`).toBeGreaterThan(0);
    }
    const observerKbps = observers.map((_, i) => Math.round(([...to[i]!].reduce((sum, [id, bytes]) => sum + bytes - (from[i]!.get(id) ?? 0), 0) * 8) / seconds / 1000));

    // Nobody in the lesson sees them: the same count, tiles and pictures as before.
    await expect(count).toHaveAttribute('data-count', '1');
    expect(await teacher.getByTestId('classroom-tile').count()).toBe(teacherTiles);
    await expect(teacher.getByTestId('quality-row')).toHaveCount(1);
    expect(await classroom.locator('[data-participant-id]').count()).toBe(classroomPictures);
    expect(await classroom.locator('[data-participant-id^="observer:"]').count()).toBe(0);
    for (const page of [teacher, classroom]) expect(await page.locator('body').innerText()).not.toContain('听课教师');
    // Only her observer list, opened on purpose, has them all (on a loaded machine its request may fail once: she opens it again).
    const listButton = teacher.getByTestId('observer-list-button');
    await expect(async () => {
      if ((await listButton.getAttribute('aria-expanded')) !== 'true') await listButton.click();
      await expect(teacher.getByTestId('observer-list')).toHaveAttribute('data-count', String(OBSERVERS), { timeout: 5000 });
    }).toPass({ timeout: 45_000 });
    return { ...phase, observerKbps };
  } finally {
    await Promise.all(observers.map((o) => o.close()));
    await closeOpenedPages();
  }
}

/** The share of the machine (% of all cores) used by processes outside this test: other engineers' runs. */
const othersPct = (phase: Phase): number => phase.cpu.machine_pct - phase.cpu.bench_pct;
const loadGap = (pair: { baseline: Phase; loaded: Phase }): number => Math.abs(othersPct(pair.baseline) - othersPct(pair.loaded));
const comparable = (pair: { baseline: Phase; loaded: Phase }): boolean =>
  loadGap(pair) <= SAME_LOAD_POINTS && pair.baseline.cpu.machine_pct < SATURATED_PCT && pair.loaded.cpu.machine_pct < SATURATED_PCT;

/*
 * Each phase in a lesson of its own, opened the same way and measured after
 * the same time: a second 延迟检测 in one lesson often finds much later
 * pictures than the first with nobody else there (teacher → classroom 100 →
 * 922 ms, 218 → 765 ms on this machine), so each figure compared is a
 * lesson's first check. The two phases compare only if the rest of the
 * machine loaded them alike: when another run took a very different share of
 * the cores in one of them (once half the machine, the observers' phase then
 * decoding 6.4 fps with 1.7 s delay), or the machine was saturated (every
 * process waiting for a core, 99.9 % once), the pair is measured again. The
 * observers' own cost (the SFU, the light clients) counts in this test's
 * processes, never in that share, so a retry never hides it.
 */
test('twenty light observers in a live lesson leave the classroom’s picture and latency as they were', async ({ browser }) => {
  test.setTimeout(420_000);
  const pairs: Array<{ baseline: Phase; loaded: Phase & { observerKbps: number[] } }> = [];
  for (let attempt = 0; attempt < PAIRS && !pairs.some(comparable); attempt++) pairs.push({ baseline: await withoutObservers(browser), loaded: await withObservers(browser) });
  const { baseline, loaded } = [...pairs].sort((a, b) => loadGap(a) - loadGap(b))[0]!;
  const sorted = [...loaded.observerKbps].sort((a, b) => a - b);
  console.log(
    `[observer load] classroom fps ${baseline.decoding.fps} → ${loaded.decoding.fps}, freezes ${baseline.decoding.freezes} (${baseline.decoding.frozenMs} ms) → ${loaded.decoding.freezes} (${loaded.decoding.frozenMs} ms); ` +
      `teacher → classroom video ${baseline.latency['down-video']} → ${loaded.latency['down-video']} ms, classroom → teacher video ${baseline.latency['up-video']} → ${loaded.latency['up-video']} ms; ` +
      `machine CPU ${baseline.cpu.machine_pct} → ${loaded.cpu.machine_pct} %, this test's processes ${baseline.cpu.bench_pct} → ${loaded.cpu.bench_pct} % of ${loaded.cpu.cores} cores, ` +
      `test driver with the light clients ${baseline.driverPct} → ${loaded.driverPct} % of a core; ` +
      `${OBSERVERS} observers received ${sorted[0]}–${sorted.at(-1)} kbit/s each (median ${sorted[Math.floor(sorted.length / 2)]}), ${sorted.reduce((a, b) => a + b, 0)} kbit/s in all; ` +
      `${pairs.length} pair(s) measured, others' share of the machine ${pairs.map((p) => `${othersPct(p.baseline).toFixed(0)}/${othersPct(p.loaded).toFixed(0)} %`).join(', ')}`,
  );

  // The classroom decodes the teacher's picture as smoothly as before.
  expect(loaded.decoding.fps).toBeGreaterThanOrEqual(FPS_SHARE * baseline.decoding.fps);
  // And the lesson's own check finds the pictures no later than before. There and back together: the
  // sum does not depend on the two pages' clock estimates, which move each direction's figure on its own.
  const thereAndBack = (phase: Phase): number => {
    const { 'down-video': down, 'up-video': up } = phase.latency;
    expect(down, 'teacher → classroom video measured').not.toBeNull();
    expect(up, 'classroom → teacher video measured').not.toBeNull();
    return down! + up!;
  };
  const before = thereAndBack(baseline);
  expect(thereAndBack(loaded), `pictures there and back: ${before} ms without observers`).toBeLessThanOrEqual(before + latencyMargin(before));
});
