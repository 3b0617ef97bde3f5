import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { JoinedLesson } from '../shared/src/index.js';
import { connectClient } from '../server/test/support/signallingClient.js';
import { scheduleLesson } from '../testkit/adminApi.js';
import { measureCpu } from '../testkit/cpu.js';
import { receiveLight, sendSyntheticCamera } from '../testkit/light/lightParticipant.js';
import { startViewerCrowd, type ViewerCrowd } from '../testkit/light/startViewerCrowd.js';
import { startServer, type ServerProcess } from '../testkit/serverProcess.js';
import { processCpuSeconds } from './support/processCpu.js';

/*
 * `npm run bench:capacity [-- --step 50 --max 400 --hold 15]`
 * How many receivers one mediasoup worker carries. One server with one
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
  worker_cpu_pct: number;
  crowds_cpu_pct_of_a_core: number;
  machine_cpu_pct: number;
  /** Viewers whose bytes grew during the hold: every one of them, or the step is not counted. */
  viewers_receiving: number;
}

/** The worker's CPU seconds and consumers, from the server's /metrics (read from the worker process by getResourceUsage). */
async function workerFigures(server: ServerProcess): Promise<{ cpuSeconds: number; consumers: number }> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const cpuSeconds = [...text.matchAll(/^tongtang_worker_cpu_seconds_total\{[^}]*\} (\S+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  const consumers = [...text.matchAll(/^tongtang_worker_consumers\{[^}]*\} (\S+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  return { cpuSeconds, consumers };
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

async function main(): Promise<void> {
  const server = await startServer({ env: { LOG_LEVEL: 'warn', WORKERS: '1', LESSON_MAX_VIEWERS: String(MAX), MAX_CONNECTIONS_PER_ADDRESS: '10000' } });
  const crowds: ViewerCrowd[] = [];
  const steps: Step[] = [];
  try {
    const lesson = await scheduleLesson({ classroomIds: ['shanping-4'] }, server);
    const teacher = await connectClient(server.url, lesson.teacherToken);
    await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    const { camera, producerId } = await sendSyntheticCamera(teacher.ok, 'teacher', LAYER_KBPS.map((k) => k * 1000), 7000);
    await teacher.ok({ type: 'setLessonStatus', status: 'live' });
    const classroom = await connectClient(server.url, lesson.classrooms[0]!.token);
    const joined = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId: 'shanping-4' });
    const { link } = await receiveLight(classroom.ok, joined, [producerId], 'main');

    for (let viewers = 0; viewers <= MAX; viewers += STEP) {
      if (viewers > 0) crowds.push(await startViewerCrowd(server, lesson, STEP));
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const before = { worker: await workerFigures(server), crowds: crowds.map((c) => processCpuSeconds(c.pid)), bytes: await Promise.all(crowds.map((c) => c.bytes())) };
      const cpu = measureCpu();
      const startedAt = performance.now();
      await new Promise((r) => setTimeout(r, HOLD_S * 1000));
      const seconds = (performance.now() - startedAt) / 1000;
      const machine = cpu.stop();
      const after = { worker: await workerFigures(server), crowds: crowds.map((c) => processCpuSeconds(c.pid)), bytes: await Promise.all(crowds.map((c) => c.bytes())) };
      const receiving = after.bytes.flatMap((crowd, i) => crowd.filter((b, j) => (b[producerId] ?? 0) > (before.bytes[i]![j]![producerId] ?? 0))).length;
      const step: Step = {
        viewers,
        consumers: after.worker.consumers,
        worker_cpu_pct: Math.round((1000 * (after.worker.cpuSeconds - before.worker.cpuSeconds)) / seconds) / 10,
        crowds_cpu_pct_of_a_core: Math.round((1000 * after.crowds.reduce((s, c, i) => s + c - before.crowds[i]!, 0)) / seconds) / 10,
        machine_cpu_pct: machine.machine_pct,
        viewers_receiving: receiving,
      };
      steps.push(step);
      console.log(`[capacity] ${viewers} viewers, ${step.consumers} consumers: worker ${step.worker_cpu_pct} % of a core; crowds ${step.crowds_cpu_pct_of_a_core} % of a core; machine ${step.machine_cpu_pct} % of ${machine.cores} cores; ${receiving}/${viewers} receiving`);
      if (step.worker_cpu_pct >= TARGET_PCT || step.machine_cpu_pct >= SATURATED_PCT) break;
    }
    camera.stop();
    await link.close().catch(() => undefined);
    teacher.close();
    classroom.close();
  } finally {
    for (const crowd of crowds) await crowd.close();
    await server.stop();
  }

  // Only steps where every viewer received count: past that the crowds, not the worker, set the figure.
  const counted = steps.filter((s) => s.viewers_receiving === s.viewers);
  const line = fit(counted.map((s) => [s.consumers, s.worker_cpu_pct * 10]));
  const reached = counted.find((s) => s.worker_cpu_pct >= TARGET_PCT) ?? null;
  const at70 = reached ? reached.consumers : Math.floor((TARGET_PCT * 10 - line.intercept) / line.slope);
  const result = {
    measured_at: new Date().toISOString(),
    cores: cpus().length,
    load: { producers: 1, layers_kbps: LAYER_KBPS, classroom_layer: 2, viewer_layer: 1, viewers_per_step: STEP, hold_s: HOLD_S, receivers: 'werift (ICE, DTLS, SRTP) in niced processes of their own' },
    steps,
    cpu_ms_per_consumer_second: Math.round(line.slope * 1000) / 1000,
    worker_cpu_ms_per_second_idle: Math.round(line.intercept),
    consumers_per_worker_at_70pct_cpu: at70,
    /** True when no step reached 70 %: the figure then follows the line through the steps measured. */
    consumers_per_worker_at_70pct_cpu_extrapolated: reached === null,
    scaling_1_to_2_workers: null,
    scaling_1_to_2_servers: null,
    not_measured: 'scaling needs receivers spread over workers (pipeToRouter) and servers; not measured by this version',
  };
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}capacity.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`[capacity] ${result.cpu_ms_per_consumer_second} ms of worker CPU per consumer-second; ${at70} consumers at 70 % of a core${reached ? '' : ' (extrapolated)'}; written to bench/results/capacity.json`);
}

await main();
