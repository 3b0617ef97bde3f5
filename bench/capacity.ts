import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JoinedLesson } from '../shared/src/index.js';
import { connectClient } from '../server/test/support/signallingClient.js';
import { scheduleLesson } from '../testkit/adminApi.js';
import { measureCpu } from '../testkit/cpu.js';
import { receiveLight, sendSyntheticCamera } from '../testkit/light/lightParticipant.js';
import { startViewerCrowd, type ViewerCrowd } from '../testkit/light/startViewerCrowd.js';
import { externalRedis } from '../testkit/externalRedis.js';
import { createTestDatabase, startPostgresCluster } from '../testkit/postgres.js';
import { startServer, type ServerProcess } from '../testkit/serverProcess.js';
import { freeLoopbackPort } from '../server/src/redis/freePort.js';
import { processCpuSeconds } from './support/processCpu.js';

/*
 * `npm run bench:capacity [-- --step 50 --max 400 --hold 15]`
 * How many receivers one mediasoup worker carries, and two. One server with one
 * worker; a teacher sends a VP8 simulcast camera (three layers at
 * LAYER_KBPS, one SSRC each: the payload is only what the SFU reads of VP8,
 * so it forwards, switches and counts as for a camera — see
 * testkit/light/syntheticCamera.ts); a classroom receives the top layer; then
 * viewers join `--step` at a time, each a real WebRTC receiver (werift:
 * ICE, DTLS, SRTP) in crowds of their own processes at nice 19. After each
 * step, the worker's CPU is read over `--hold` seconds from the worker
 * process itself (its getResourceUsage, as /metrics reports it), never from
 * wall-clock throughput, since the crowds share the machine. It stops when
 * the worker reaches 70 % of a core, at `--max`, or when the machine is
 * saturated (the crowds, not the SFU, then limit what is measured).
 * Then the same with two workers, the second fed by pipeToRouter once the
 * first holds half of `--max` (see `run`): scaling_1_to_2_workers is what
 * both hold at 70 % of a core each over what one holds. Then two servers of
 * one worker each sharing a Redis and a PostgreSQL: the viewers beyond half
 * of `--max` join through the second, which receives the camera through a
 * PipeTransport from the first (scaling_1_to_2_servers, the same way). The workers run at
 * their normal niceness here (WORKER_NICE=-10 when root), the crowds at 19.
 * Writes bench/results/capacity.json.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const STEP = option('step', 50);
const MAX = option('max', 400);
const HOLD_S = option('hold', 15);
const SETTLE_MS = 5000;
const LAYER_KBPS = [150, 500, 1500];
const TARGET_PCT = 70;
const SATURATED_PCT = 95;

interface Step {
  viewers: number;
  consumers: number;
  /** The busiest worker's CPU. */
  worker_cpu_pct: number;
  /** Each worker's consumers and CPU (% of a core), by index. */
  workers: Array<{ consumers: number; cpu_pct: number }>;
  crowds_cpu_pct_of_a_core: number;
  machine_cpu_pct: number;
  /** Viewers whose bytes grew during the hold: every one of them, or the step is not counted. */
  viewers_receiving: number;
}

/** Each worker's CPU seconds and consumers, from the server's /metrics (read from the worker processes by getResourceUsage), by worker index. */
async function workerFigures(server: ServerProcess): Promise<Array<{ cpuSeconds: number; consumers: number }>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const figures: Array<{ cpuSeconds: number; consumers: number }> = [];
  const of = (index: number) => (figures[index] ??= { cpuSeconds: 0, consumers: 0 });
  for (const m of text.matchAll(/^tongtang_worker_cpu_seconds_total\{[^}]*worker="(\d+)"[^}]*\} (\S+)$/gm)) of(Number(m[1])).cpuSeconds += Number(m[2]);
  for (const m of text.matchAll(/^tongtang_worker_consumers\{[^}]*worker="(\d+)"[^}]*\} (\S+)$/gm)) of(Number(m[1])).consumers += Number(m[2]);
  return figures;
}

/** Least-squares slope and intercept of y over x. */
function fit(points: Array<[number, number]>): { slope: number; intercept: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * One server with `workers` workers, stepped up as the file comment says.
 * With two, each worker takes at most half of `--max` viewers
 * (WORKER_MAX_CONSUMERS), so the second worker's receivers are fed through
 * pipeToRouter as a lesson that outgrows its worker is.
 */
async function run(shape: { servers: number; workers: number }): Promise<Step[]> {
  const { workers } = shape;
  const env: Record<string, string> = { LOG_LEVEL: 'warn', WORKERS: String(workers), LESSON_MAX_VIEWERS: String(MAX), MAX_CONNECTIONS_PER_ADDRESS: '10000' };
  if (workers > 1) env['WORKER_MAX_CONSUMERS'] = String(Math.ceil(MAX / workers));
  // Two servers share one Redis and one PostgreSQL, as a school's would; the second's viewers receive through a pipe from the first.
  const shared = shape.servers > 1 ? await sharedStores() : null;
  const servers: ServerProcess[] = [];
  const crowds: ViewerCrowd[] = [];
  const steps: Step[] = [];
  try {
    for (let i = 0; i < shape.servers; i++) servers.push(await startServer({ env: { ...env, ...(shared ? { ...shared.env, SERVER_ID: `bench-${i}` } : {}) } }));
    const server = servers[0]!;
    const lesson = await scheduleLesson({ classroomIds: ['shanping-4'] }, server);
    const teacher = await connectClient(server.url, lesson.teacherToken);
    await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    const { camera, producerId } = await sendSyntheticCamera(teacher.ok, 'teacher', LAYER_KBPS.map((k) => k * 1000), 7000);
    await teacher.ok({ type: 'setLessonStatus', status: 'live' });
    const classroom = await connectClient(server.url, lesson.classrooms[0]!.token);
    const joined = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId: 'shanping-4' });
    const { link } = await receiveLight(classroom.ok, joined, [producerId], 'main');

    for (let viewers = 0; viewers <= MAX; viewers += STEP) {
      // The second server takes the viewers beyond half of --max, as the second worker does.
      if (viewers > 0) crowds.push(await startViewerCrowd(servers.length > 1 && viewers > MAX / 2 ? servers[1]! : server, lesson, STEP));
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const figures = async () => (await Promise.all(servers.map(workerFigures))).flat();
      const before = { workers: await figures(), crowds: crowds.map((c) => processCpuSeconds(c.pid)), bytes: await Promise.all(crowds.map((c) => c.bytes())) };
      const cpu = measureCpu();
      const startedAt = performance.now();
      await new Promise((r) => setTimeout(r, HOLD_S * 1000));
      const seconds = (performance.now() - startedAt) / 1000;
      const machine = cpu.stop();
      const after = { workers: await figures(), crowds: crowds.map((c) => processCpuSeconds(c.pid)), bytes: await Promise.all(crowds.map((c) => c.bytes())) };
      const receiving = after.bytes.flatMap((crowd, i) => crowd.filter((b, j) => (b[producerId] ?? 0) > (before.bytes[i]![j]![producerId] ?? 0))).length;
      const perWorker = after.workers.map((w, i) => ({ consumers: w.consumers, cpu_pct: Math.round((1000 * (w.cpuSeconds - (before.workers[i]?.cpuSeconds ?? 0))) / seconds) / 10 }));
      const step: Step = {
        viewers,
        consumers: perWorker.reduce((sum, w) => sum + w.consumers, 0),
        worker_cpu_pct: Math.max(...perWorker.map((w) => w.cpu_pct)),
        workers: perWorker,
        crowds_cpu_pct_of_a_core: Math.round((1000 * after.crowds.reduce((s, c, i) => s + c - before.crowds[i]!, 0)) / seconds) / 10,
        machine_cpu_pct: machine.machine_pct,
        viewers_receiving: receiving,
      };
      steps.push(step);
      const each = perWorker.map((w, i) => `worker ${i}: ${w.consumers} consumers, ${w.cpu_pct} %`).join('; ');
      console.log(`[capacity] ${shape.servers} server(s) × ${workers} worker(s), ${viewers} viewers: ${each} of a core; crowds ${step.crowds_cpu_pct_of_a_core} % of a core; machine ${step.machine_cpu_pct} % of ${machine.cores} cores; ${receiving}/${viewers} receiving`);
      if (step.worker_cpu_pct >= TARGET_PCT || step.machine_cpu_pct >= SATURATED_PCT) break;
    }
    camera.stop();
    await link.close().catch(() => undefined);
    teacher.close();
    classroom.close();
  } finally {
    for (const crowd of crowds) await crowd.close();
    for (const server of servers) await server.stop();
    await shared?.stop();
  }
  // Only steps where every viewer received count: past that the crowds, not the workers, set the figures.
  return steps.filter((s) => s.viewers_receiving === s.viewers);
}

/** One Redis and one PostgreSQL database for two servers, and the secret their tokens share. */
async function sharedStores(): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  const redis = await externalRedis(await freeLoopbackPort(), mkdtempSync(join(tmpdir(), 'tongtang-bench-redis-')));
  const cluster = await startPostgresCluster();
  return {
    env: { REDIS_URL: redis.url, DATABASE_URL: await createTestDatabase(cluster.adminUrl), AUTH_SECRET: 'bench-capacity-two-servers-share-this-secret' },
    stop: async () => {
      await redis.shutdown();
      await cluster.stop();
    },
  };
}

/** Consumers one worker holds at 70 % of a core: where a step reached it, else along the line through its steps (consumers → CPU). */
function at70(points: Array<{ consumers: number; cpu_pct: number }>): { consumers: number; slope: number; intercept: number; extrapolated: boolean } {
  const line = fit(points.map((p) => [p.consumers, p.cpu_pct * 10]));
  const reached = points.find((p) => p.cpu_pct >= TARGET_PCT);
  const consumers = reached ? reached.consumers : Math.floor((TARGET_PCT * 10 - line.intercept) / line.slope);
  return { consumers, ...line, extrapolated: !reached };
}

/** Two media lines (two workers, or two servers of one worker), each at 70 % of a core, against one worker's figure. */
function pairOf(steps: Step[], one: { consumers: number; extrapolated: boolean }) {
  const each = [0, 1].map((w) => at70(steps.map((s) => s.workers[w] ?? { consumers: 0, cpu_pct: 0 })));
  const held = each.reduce((sum, w) => sum + w.consumers, 0);
  return {
    held,
    each: each.map((w) => w.consumers),
    figures: {
      max_consumers_each: Math.ceil(MAX / 2),
      steps,
      cpu_ms_per_consumer_second: each.map((w) => Math.round(w.slope * 1000) / 1000),
      worker_cpu_ms_per_second_idle: each.map((w) => Math.round(w.intercept)),
      consumers_at_70pct_cpu: each.map((w) => w.consumers),
    },
    scaling: Math.round((100 * held) / one.consumers) / 100,
    extrapolated: one.extrapolated || each.some((w) => w.extrapolated),
  };
}

async function main(): Promise<void> {
  const steps = await run({ servers: 1, workers: 1 });
  const one = at70(steps.map((s) => s.workers[0]!));
  // Two workers: each worker's own line (the second's includes what its pipe costs); both filled to 70 %, as placement fills them.
  const workers = pairOf(await run({ servers: 1, workers: 2 }), one);
  // Two servers of one worker each: the second's line includes what receiving through the pipe costs it.
  const servers = pairOf(await run({ servers: 2, workers: 1 }), one);
  const result = {
    measured_at: new Date().toISOString(),
    cores: cpus().length,
    load: { producers: 1, layers_kbps: LAYER_KBPS, classroom_layer: 2, viewer_layer: 1, viewers_per_step: STEP, hold_s: HOLD_S, receivers: 'werift (ICE, DTLS, SRTP) in niced processes of their own' },
    steps,
    cpu_ms_per_consumer_second: Math.round(one.slope * 1000) / 1000,
    worker_cpu_ms_per_second_idle: Math.round(one.intercept),
    consumers_per_worker_at_70pct_cpu: one.consumers,
    /** True when no step reached 70 %: the figure then follows the line through the steps measured. */
    consumers_per_worker_at_70pct_cpu_extrapolated: one.extrapolated,
    two_workers: workers.figures,
    /** Consumers held with both workers at 70 % of a core over those one worker holds: along each worker's line wherever no step reached 70 %. */
    scaling_1_to_2_workers: workers.scaling,
    scaling_1_to_2_workers_extrapolated: workers.extrapolated,
    /** The same with two servers of one worker each, the second's viewers receiving through a PipeTransport from the first. */
    two_servers: servers.figures,
    scaling_1_to_2_servers: servers.scaling,
    scaling_1_to_2_servers_extrapolated: servers.extrapolated,
  };
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}capacity.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `[capacity] one worker: ${result.cpu_ms_per_consumer_second} ms of CPU per consumer-second, ${one.consumers} consumers at 70 % of a core${one.extrapolated ? ' (extrapolated)' : ''}; ` +
      `two workers: ${workers.each.join(' + ')} = ${workers.held}, scaling ${workers.scaling}; ` +
      `two servers: ${servers.each.join(' + ')} = ${servers.held}, scaling ${servers.scaling}; written to bench/results/capacity.json`,
  );
}

await main();
// A werift link or a socket left half-closed would keep the bench alive after it has reported.
process.exit(0);
