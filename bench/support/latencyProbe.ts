import { inboundStats } from '../../testkit/inboundStats.js';
import { measureCpu } from '../../testkit/cpu.js';
import type { BenchLesson } from './benchLesson.js';
import { avSkews, breakdown, lossPct, spread, videoFigures, type TaggedSample } from './figures.js';
import { pageCounters, pageTimes, type PageTimes } from './pageStats.js';
import type { NetworkProfile } from './profiles.js';

/*
 * One run of the in-product latency probe (timestamp pattern as the camera,
 * tone bursts as the microphone) in a fresh lesson: the teacher and
 * `classrooms` classrooms over one network profile. `bench:latency` runs it
 * per profile; `bench:recording` runs it with and without a recording.
 */

type Api = { tongtangLatency: { start(s: number): Promise<unknown>; samples(): unknown[]; state(): { running: boolean; probe: unknown; failure: string | null; clock: unknown } } };

export interface ProbeRun {
  classrooms: number;
  seconds: number;
  /** Called once every page shows every other, before the probe starts (e.g. to start a recording). */
  beforeProbe?: (lesson: BenchLesson) => Promise<void>;
  /** Called after the probe, before the lesson's pages close (e.g. to stop the recording). */
  afterProbe?: (lesson: BenchLesson) => Promise<void>;
}

export async function runProfile(
  lesson: BenchLesson,
  profile: NetworkProfile,
  { classrooms, seconds, beforeProbe, afterProbe }: ProbeRun,
): Promise<{ result: Record<string, unknown>; parts: Record<string, unknown> }> {
  await lesson.open(`延迟基准 ${profile.name}`, classrooms, profile.link);
  const ids = lesson.classrooms.map((c) => c.id);
  const firstFrame = startupFigures(await Promise.all([pageTimes(lesson.teacher, ids), ...lesson.classrooms.map((c) => pageTimes(c.page, ['teacher']))]), ids);
  await lesson.teacher.waitForTimeout(5000);
  await beforeProbe?.(lesson);

  const before = await Promise.all(lesson.pages.map(pageCounters));
  const cpu = measureCpu();
  const rtts: number[] = [];
  let sending: string[] = [];
  // A check longer than 10 s opens every classroom's microphone, which the server allows only in discussion mode (讨论).
  if ((await lesson.teacher.getByTestId('discussion-on').count()) === 0) {
    await lesson.teacher.getByTestId('discussion-toggle').click();
    await lesson.teacher.getByTestId('discussion-on').waitFor();
  }
  await lesson.teacher.evaluate((s) => (window as unknown as Api).tongtangLatency.start(s), seconds);
  const started = Date.now();
  while (Date.now() - started < (seconds + 2.5) * 1000) {
    await lesson.teacher.waitForTimeout(5000);
    for (const c of lesson.classrooms) rtts.push(...(await pageCounters(c.page)).rttMs);
    // What each page encodes mid-probe (the pattern at the camera's size), and what holds it back.
    if (Date.now() - started > (seconds / 2) * 1000 && sending.length === 0) {
      sending = (await Promise.all(lesson.pages.map(pageCounters))).flatMap((counters, i) =>
        counters.outbound.map((o) => `${i === 0 ? 'teacher' : lesson.classrooms[i - 1]!.id} sends ${o.rid}: ${o.width}×${o.height} ${Math.round(o.fps)} fps${o.limitation && o.limitation !== 'none' ? ` (limited: ${o.limitation})` : ''}`),
      );
    }
  }
  const after = await Promise.all(lesson.pages.map(pageCounters));
  const cpuFigures = cpu.stop();
  const layers = (
    await Promise.all(
      lesson.pages.map(async (page, i) => (await inboundStats(page)).filter((t) => t.kind === 'video').map((t) => `${t.participantId}→${i === 0 ? 'teacher' : lesson.classrooms[i - 1]!.id}: ${t.frameWidth}×${t.frameHeight}`)),
    )
  ).flat().concat(sending);
  // Every page finishes, puts its camera back and reports.
  for (const page of lesson.pages) {
    await page.waitForFunction(() => { const s = (window as unknown as Api).tongtangLatency.state(); return s.probe !== null && !s.running; }, null, { timeout: 30_000 });
  }
  const samples: TaggedSample[] = (
    await Promise.all(
      lesson.pages.map(async (page, i) => {
        const own = (await page.evaluate(() => (window as unknown as Api).tongtangLatency.samples())) as TaggedSample[];
        return own.map((s) => ({ ...s, receiver: i === 0 ? 'teacher' : lesson.classrooms[i - 1]!.id }));
      }),
    )
  ).flat();
  // A page whose probe failed (or measured nothing) is said so, not averaged away.
  for (const [i, page] of lesson.pages.entries()) {
    const state = await page.evaluate(() => (window as unknown as Api).tongtangLatency.state());
    const who = i === 0 ? 'teacher' : lesson.classrooms[i - 1]!.id;
    const count = samples.filter((s) => s.receiver === who).length;
    if (state.failure || count === 0) console.log(`[bench] ${profile.name}: ${who} measured ${count} samples${state.failure ? `, failed: ${state.failure}` : ''} (clock ${JSON.stringify(state.clock)})`);
  }
  const of = (kind: string): number[] => samples.filter((s) => s.kind === kind).map((s) => s.ms);
  const video = videoFigures(before, after);
  const sortedRtt = [...rtts].sort((a, b) => a - b);
  const result = {
    profile: profile.name,
    classrooms,
    video_oneway_ms: spread(of('video')),
    audio_oneway_ms: spread(of('audio')),
    roundtrip_ms: spread(of('answer')),
    av_skew_ms: spread(avSkews(samples).map(Math.abs)),
    first_frame_ms: spread(firstFrame.fromOpen),
    first_frame_from_join_ms: spread(firstFrame.fromJoin),
    join_ms: spread(firstFrame.join),
    media_start_ms: spread(firstFrame.mediaStart),
    freeze_ratio: video.freezeRatio,
    decoded_fps: video.decodedFps,
    layers,
    cpu_pct: cpuFigures,
    measured_rtt_ms: sortedRtt.length > 0 ? Math.round(sortedRtt[Math.floor(sortedRtt.length / 2)]!) : null,
    measured_loss_pct: lossPct(before.slice(1), after.slice(1)),
  };
  await afterProbe?.(lesson);
  await lesson.close();
  const parts = { profile: profile.name, ...breakdown(before, after), network_rtt_ms: result.measured_rtt_ms ?? 0 };
  console.log('[bench] where the time goes', JSON.stringify(parts));
  return { result, parts };
}

/**
 * First pictures, per receiver and sender (the teacher at each classroom,
 * each classroom at the teacher), on the machine's one wall clock:
 * - fromOpen: from the later of the two pages opening to the first frame shown,
 *   what a classroom waits after opening the lesson;
 * - fromJoin: from the later of the two join replies, the media path alone
 *   (devices, transports, publish, subscribe, key frame, decode);
 * - join: page opened → join reply (page load, socket, first devices);
 * - mediaStart: join reply → this page's media started (mapped devices, transports, publishing).
 */
function startupFigures(times: PageTimes[], classroomIds: string[]): Record<'fromOpen' | 'fromJoin' | 'join' | 'mediaStart', number[]> {
  const [teacher, ...classrooms] = times;
  const pairs = classrooms.flatMap((classroom, i) => [
    { receiver: teacher!, sender: classroom, frame: teacher!.firstFrames[classroomIds[i]!] },
    { receiver: classroom, sender: teacher!, frame: classroom.firstFrames['teacher'] },
  ]);
  const out = { fromOpen: [] as number[], fromJoin: [] as number[], join: [] as number[], mediaStart: [] as number[] };
  for (const { receiver, sender, frame } of pairs) {
    if (frame === undefined) {
      console.log('[bench] a page showed no first frame within 90 s');
      continue;
    }
    out.fromOpen.push(Math.round(frame - Math.max(receiver.opened, sender.opened)));
    if (receiver.joined !== null && sender.joined !== null) out.fromJoin.push(Math.round(frame - Math.max(receiver.joined, sender.joined)));
  }
  for (const page of times) {
    if (page.joined !== null) out.join.push(Math.round(page.joined - page.opened));
    if (page.joined !== null && page.mediaStarted !== null) out.mediaStart.push(Math.round(page.mediaStarted - page.joined));
  }
  return out;
}

