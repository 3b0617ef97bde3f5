import { chromium } from '@playwright/test';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SegmentEntry } from '../server/src/features/recording/recordingFiles.js';
import { chromiumArgs } from '../testkit/chromium.js';
import { cpuSeconds, recorderProcesses, recordingFolder, recordingRows, waitForDirectedView } from '../testkit/recordings.js';
import { startServer, type ServerProcess } from '../testkit/serverProcess.js';
import { BenchLesson } from './support/benchLesson.js';
import { runProfile } from './support/latencyProbe.js';
import { profiles } from './support/profiles.js';
import { printTable } from './support/table.js';

/*
 * `npm run bench:recording [-- --classrooms 2 --seconds 60]`
 * What a recording costs and takes: the same lesson and latency probe as
 * bench:latency (loopback), once without and once with a recording running;
 * the recorders' CPU per source (their ffmpeg processes, from /proc), the
 * segments' sizes, MB per lesson hour, and the directed view's
 * post-processing time per lesson minute. Results go to
 * bench/results/recording.json.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const classrooms = Number(option('classrooms', '2'));
const seconds = Math.max(30, Number(option('seconds', '60')));
const results = fileURLToPath(new URL('./results/', import.meta.url));
const loopback = profiles.find((p) => p.name === 'loopback')!;

/** CPU of each recorder over the probe, sampled so that an ffmpeg restarted meanwhile is counted too. */
class RecorderCpu {
  private readonly first = new Map<number, { dir: string; cpu: number }>();
  private readonly last = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private stoppedAt = 0;

  constructor(private readonly serverPid: number) {}

  start(): void {
    this.startedAt = Date.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), 1000);
  }

  stop(): Array<{ source: string; cpu_pct: number }> {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.stoppedAt = Date.now();
    const wall = (this.stoppedAt - this.startedAt) / 1000;
    const bySource = new Map<string, number>();
    for (const [pid, { dir, cpu }] of this.first) {
      const source = dir.split('/').slice(-2).join('/');
      bySource.set(source, (bySource.get(source) ?? 0) + ((this.last.get(pid) ?? cpu) - cpu));
    }
    return [...bySource].map(([source, used]) => ({ source, cpu_pct: Math.round((used / wall) * 1000) / 10 }));
  }

  private sample(): void {
    for (const { pid, dir } of recorderProcesses(this.serverPid)) {
      const cpu = cpuSeconds(pid);
      if (!this.first.has(pid)) this.first.set(pid, { dir, cpu });
      this.last.set(pid, cpu);
    }
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
};

/** Sizes of the per-source segments, by kind, and what they come to per lesson hour. */
function segmentFigures(segments: SegmentEntry[], recordedMs: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kind of ['video', 'audio'] as const) {
    const own = segments.filter((s) => s.kind === kind);
    out[kind] = {
      segments: own.length,
      segment_kib_p50: Math.round(median(own.map((s) => s.bytes)) / 102.4) / 10,
      segment_kib_max: Math.round(Math.max(0, ...own.map((s) => s.bytes)) / 102.4) / 10,
      segment_s_p50: Math.round(median(own.map((s) => s.endedAt - s.startedAt)) / 100) / 10,
    };
  }
  const bytes = segments.reduce((sum, s) => sum + s.bytes, 0);
  out['per_source_mb_per_lesson_hour'] = Math.round((bytes / 1e6) * (3_600_000 / recordedMs));
  return out;
}

async function recordedRun(server: ServerProcess, browser: Awaited<ReturnType<typeof chromium.launch>>): Promise<Record<string, unknown>> {
  const lesson = new BenchLesson(browser, server);
  const recorders = new RecorderCpu(server.serverPid());
  let recorderCpu: Array<{ source: string; cpu_pct: number }> = [];
  let stoppedAt = 0;
  const run = await runProfile(lesson, loopback, {
    classrooms,
    seconds,
    beforeProbe: async (open) => {
      await open.teacher.getByTestId('record-button').click();
      await open.teacher.getByTestId('recording-badge').waitFor();
      // The recorders' first segments and key frames, before anything is measured.
      await open.teacher.waitForTimeout(3000);
      recorders.start();
    },
    afterProbe: async (open) => {
      recorderCpu = recorders.stop();
      await open.teacher.getByTestId('record-button').click();
      await open.teacher.getByTestId('recording-badge').waitFor({ state: 'detached' });
      stoppedAt = Date.now();
    },
  });
  const row = recordingRows(server.dataDir, lesson.lessonId)[0];
  if (!row) throw new Error('the recorded run left no recording row');
  // 导播画面: the job starts when the recording ends; its time is what a teacher waits for the replay.
  const directedFile = await waitForDirectedView(server.dataDir, row.id, 30 * 60_000);
  const postMs = Date.now() - stoppedAt;
  const folder = recordingFolder(join(server.dataDir, 'recordings'), row);
  const recordedMs = Math.max(...folder.segments.map((s) => s.endedAt)) - Math.min(...folder.segments.map((s) => s.startedAt));
  return {
    ...run.result,
    recorders_cpu_pct: Math.round(recorderCpu.reduce((sum, r) => sum + r.cpu_pct, 0) * 10) / 10,
    recorders_per_source: recorderCpu,
    recorded_s: Math.round(recordedMs / 1000),
    ...segmentFigures(folder.segments, recordedMs),
    directed_postprocessing_s_per_lesson_minute: Math.round((postMs / 1000 / (recordedMs / 60_000)) * 10) / 10,
    directed_mb_per_lesson_hour: Math.round((statSync(directedFile).size / 1e6) * (3_600_000 / recordedMs)),
  };
}

async function main(): Promise<void> {
  const server = await startServer({ env: { LOG_LEVEL: 'warn' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  mkdirSync(results, { recursive: true });
  try {
    console.log(`[bench] without a recording: ${classrooms} classrooms, ${seconds} s`);
    const without = (await runProfile(new BenchLesson(browser, server), loopback, { classrooms, seconds })).result;
    console.log(`[bench] with a recording: ${classrooms} classrooms, ${seconds} s`);
    const recorded = await recordedRun(server, browser);
    const report = { classrooms, seconds, without: { ...without, recording: false }, with: { ...recorded, recording: true } };
    writeFileSync(`${results}recording.json`, JSON.stringify(report, null, 2) + '\n');
    printTable([report.without, report.with]);
    console.log(
      '[bench] recording',
      JSON.stringify({
        recorders: recorded['recorders_per_source'],
        video: recorded['video'],
        audio: recorded['audio'],
        per_source_mb_per_hour: recorded['per_source_mb_per_lesson_hour'],
        directed_mb_per_hour: recorded['directed_mb_per_lesson_hour'],
        directed_s_per_minute: recorded['directed_postprocessing_s_per_lesson_minute'],
      }),
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
