import { freeLoopbackPort } from '../server/src/redis/freePort.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { scheduleLesson } from '../testkit/adminApi.js';
import { chromiumArgs } from '../testkit/chromium.js';
import { ClassroomNetwork } from '../testkit/classroomNetwork.js';
import { measureCpu, type CpuFigures } from '../testkit/cpu.js';
import { serverHealth } from '../testkit/health.js';
import { LessonPages } from '../testkit/lessonPages.js';
import { nextFrameAt, pictureBackAfter } from '../testkit/nextFrame.js';
import { startServer, type ServerProcess } from '../testkit/serverProcess.js';
import { BenchLesson } from './support/benchLesson.js';
import { spread, type Spread } from './support/figures.js';
import { measureJoins, printJoins, summariseJoins, type JoinSummary } from './support/joinTimes.js';
import { recoveryDelta, recoveryOf, type Recovery } from './support/recovery.js';

/*
 * `npm run bench:resume [-- --cuts 5 --cut-seconds 10 --kills 3]`
 * 断网续传, measured: a teacher and one classroom (behind its own relays on
 * loopback) in a lesson run under the supervisor, as `npm start` runs it.
 * - network cut: the classroom's whole network is cut, then only its media
 *   path; each time, how long after the network returns its picture of the
 *   teacher decodes again, and how it came back (ICE restart, resume, rejoin);
 * - failed path: only the media path is cut until Chrome gives it up and the
 *   page restarts ICE; then how long until the picture is back;
 * - server kill: SIGKILL of the server process; until both pages decode;
 * - worker kill: SIGKILL of the lesson's mediasoup worker; until both decode;
 * - joins: a classroom opening its link (at least 20 times, cold and warm
 *   cache) while the teacher and another classroom are in: page open → join
 *   reply → the teacher's first frame.
 * Results: bench/results/resume.json, and a table; the machine's CPU beside each.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const cuts = Math.max(5, option('cuts', 5));
const cutSeconds = option('cut-seconds', 10);
const kills = Math.max(1, option('kills', 3));
const joins = Math.max(20, option('joins', 20));
const longCuts = Math.max(1, option('long-cuts', 2));
const results = fileURLToPath(new URL('./results/', import.meta.url));

interface Section {
  ms: Spread;
  values: Array<number | null>;
  recovery?: Recovery;
  cpu_pct: CpuFigures;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until both pages decode each other (any new frame), from now; ms, or null past `timeoutMs`. */
async function bothDecodingWithin(teacher: Page, classroom: Page, classroomId: string, fault: () => void, timeoutMs = 40_000): Promise<number | null> {
  // After a kill every picture comes from a new producer; frames still buffered from before do not count.
  const fresh = { newPicture: true };
  const watches = [nextFrameAt(teacher, classroomId, timeoutMs, fresh), nextFrameAt(classroom, 'teacher', timeoutMs, fresh)];
  await pause(200);
  fault();
  const at = Date.now();
  const back = await Promise.all(watches);
  return back.includes(null) ? null : Math.max(...(back as number[])) - at;
}

async function cutRounds(what: 'all' | 'media', network: ClassroomNetwork, classroom: Page): Promise<Section> {
  const cpu = measureCpu();
  const before = await recoveryOf(classroom);
  const values: Array<number | null> = [];
  for (let i = 0; i < cuts; i++) {
    network.cut(what);
    await pause(cutSeconds * 1000 - 200);
    values.push(await pictureBackAfter(() => network.restore(), classroom, 'teacher'));
    process.stdout.write(`  cut ${what} ${i + 1}/${cuts}: ${values.at(-1) ?? 'never'} ms\n`);
    await pause(5000);
  }
  return { ms: spread(values.filter((v): v is number => v !== null)), values, recovery: recoveryDelta(before, await recoveryOf(classroom)), cpu_pct: cpu.stop() };
}

/** Media cuts that last until the page restarts ICE (Chrome gave the path up), then the path returns. */
async function failedPathRounds(network: ClassroomNetwork, classroom: Page): Promise<Section & { cut_ms: Spread }> {
  const cpu = measureCpu();
  const before = await recoveryOf(classroom);
  const values: Array<number | null> = [];
  const cutFor: number[] = [];
  for (let i = 0; i < longCuts; i++) {
    const restarts = (await recoveryOf(classroom)).iceRestarts;
    network.cut('media');
    const cutAt = Date.now();
    while ((await recoveryOf(classroom)).iceRestarts === restarts && Date.now() - cutAt < 90_000) await pause(500);
    cutFor.push(Date.now() - cutAt);
    values.push(await pictureBackAfter(() => network.restore(), classroom, 'teacher'));
    process.stdout.write(`  failed path ${i + 1}/${longCuts} (cut ${Math.round(cutFor.at(-1)! / 1000)} s): ${values.at(-1) ?? 'never'} ms\n`);
    await pause(5000);
  }
  return {
    ms: spread(values.filter((v): v is number => v !== null)),
    values,
    cut_ms: spread(cutFor),
    recovery: recoveryDelta(before, await recoveryOf(classroom)),
    cpu_pct: cpu.stop(),
  };
}

async function killRounds(kind: 'server' | 'worker', server: ServerProcess, teacher: Page, classroom: Page, classroomId: string): Promise<Section> {
  const cpu = measureCpu();
  const values: Array<number | null> = [];
  for (let i = 0; i < kills; i++) {
    const pid = kind === 'server' ? server.serverPid() : (await serverHealth(server)).workers.find((w) => w.lessons > 0)!.pid;
    values.push(await bothDecodingWithin(teacher, classroom, classroomId, () => process.kill(pid, 'SIGKILL')));
    process.stdout.write(`  ${kind} kill ${i + 1}/${kills}: ${values.at(-1) ?? 'never'} ms\n`);
    await pause(8000);
  }
  return { ms: spread(values.filter((v): v is number => v !== null)), values, cpu_pct: cpu.stop() };
}

/** The join figures of bench:join, on this bench's server: a lesson of its own, the second classroom's link opened again and again. */
async function joinRounds(server: ServerProcess): Promise<JoinSummary[]> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const lesson = new BenchLesson(browser, server);
  try {
    await lesson.open('入课基准 join', 2, null);
    return summariseJoins(await measureJoins(lesson, { joins, classroom: 1 }));
  } finally {
    await lesson.close();
    await browser.close();
  }
}

async function main(): Promise<void> {
  const signallingPort = await freeLoopbackPort();
  const server = await startServer({ supervised: true, env: { WORKERS: '2', LOG_LEVEL: 'warn', ALLOWED_ORIGINS: ClassroomNetwork.originOf(signallingPort) } });
  const network = await ClassroomNetwork.open(server, signallingPort);
  const pages = new LessonPages(true);
  try {
    const links = await scheduleLesson({ title: '断网续传基准', classroomIds: ['shanping-4'] }, server);
    const classroomId = 'classroom:shanping-4';
    const teacher = await pages.open(links.teacher, 'teacher');
    const classroom = await pages.open(network.url(links.classrooms[0]!.url), 'classroom', network.mediaRelay);
    if ((await nextFrameAt(classroom, 'teacher', 60_000)) === null) throw new Error('the classroom never decoded the teacher');
    await pause(5000);

    console.log(`network cuts of ${cutSeconds} s (${cuts} each):`);
    const cutAll = await cutRounds('all', network, classroom);
    const cutMedia = await cutRounds('media', network, classroom);
    console.log('media path cut until Chrome gives it up:');
    const failedPath = await failedPathRounds(network, classroom);
    console.log('worker kills:');
    const workerKill = await killRounds('worker', server, teacher, classroom, classroomId);
    console.log('server kills:');
    const serverKill = await killRounds('server', server, teacher, classroom, classroomId);

    await pages.close();
    console.log(`joins (${joins}):`);
    const joinSummary = await joinRounds(server);

    const result = { cut_seconds: cutSeconds, network_cut: cutAll, media_path_cut: cutMedia, failed_path: failedPath, worker_kill: workerKill, server_kill: serverKill, joins: joinSummary };
    mkdirSync(results, { recursive: true });
    writeFileSync(`${results}resume.json`, JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2) + '\n');
    printResume(result);
    printJoins(joinSummary, 'join of a classroom (teacher and one other classroom in)');
  } finally {
    await pages.close();
    network.close();
    await server.stop();
  }
}

function printResume(result: Record<'network_cut' | 'media_path_cut' | 'failed_path' | 'worker_kill' | 'server_kill', Section>): void {
  const rows: Array<[string, Section, string]> = [
    ['network cut → picture back', result.network_cut, 'after the network returns'],
    ['media path cut → picture back', result.media_path_cut, 'after the path returns'],
    ['failed path → picture back', result.failed_path, 'after the path returns'],
    ['worker kill → both decoding', result.worker_kill, 'after the kill'],
    ['server kill → both decoding', result.server_kill, 'after the kill'],
  ];
  console.log('\n断网续传 (ms, p50/p95; CPU % of all cores: machine/bench (load))');
  for (const [name, section, from] of rows) {
    const how = section.recovery ? `  ICE restarts ${section.recovery.iceRestarts}, resumes ${section.recovery.resumes}, rejoins ${section.recovery.rejoins}` : '';
    const failed = section.values.filter((v) => v === null).length;
    const cpu = section.cpu_pct;
    console.log(
      `${name.padEnd(32)} ${`${section.ms.p50}/${section.ms.p95}`.padEnd(12)} ${from.padEnd(26)} n=${section.values.length}${failed ? ` (${failed} never)` : ''}  cpu ${cpu.machine_pct}%/${cpu.bench_pct}% (${cpu.load_avg})${how}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
