import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/database.js';
import { directedViewOf } from '../src/features/library/directedView.js';
import { createRecording, finishRecording, recordingById, type RecordingRow } from '../src/db/recordings.js';
import { DirectedViewJobs, DIRECTED_FILE } from '../src/features/recording/directed/DirectedViewJobs.js';
import { PIP_INSET } from '../src/features/recording/directed/directedPlan.js';
import { createLogger } from '../src/log.js';
import { colourAt, hue, probeStreams, stageOf, toneLevel, writeFakeRecording } from '../../testkit/fakeRecording.js';
import { recordingRows } from '../../testkit/recordings.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

const A = 'classroom:shanping-4';
const B = 'classroom:hewan-4-2';

/** A finished 30 s recording of three coloured cameras, two tones and four stage changes, its row in `db`. */
async function fakeFinishedRecording(db: Db, recordingsDir: string, lessonId: string): Promise<RecordingRow> {
  const startedAt = Date.now() - 60_000;
  const row = await createRecording(db, { lessonId, title: 'L', hostSchoolId: 'chengguan', schoolIds: ['chengguan'], teacherAccountId: null, teacherName: 'T', subject: null, grade: null, startedAt, startedBy: 'teacher' }, '{}');
  await writeFakeRecording(
    join(recordingsDir, row.dir),
    startedAt,
    30_000,
    [
      // The teacher's camera is red, with a hole at 5–10 s (its recorder died: the next run starts at 10 s); A's class green, B's blue.
      { participantId: 'teacher', source: 'teacher', colour: 'red', from: 0, to: 5000 },
      { participantId: 'teacher', source: 'teacher', colour: 'red', from: 10_000, to: 30_000, run: 'run2' },
      // A's camera sent nothing at 12–14 s, its recorder running on: its last picture stays, as on a page.
      { participantId: A, source: 'students', colour: 'green', from: 0, to: 12_000 },
      { participantId: A, source: 'students', colour: 'green', from: 14_000, to: 30_000 },
      { participantId: B, source: 'students', colour: 'blue', from: 0, to: 30_000 },
      // A speaks (700 Hz) at 10–20 s, B (1100 Hz) at 20–30 s.
      { participantId: A, source: 'studentsMic', toneHz: 700, from: 10_000, to: 20_000 },
      { participantId: B, source: 'studentsMic', toneHz: 1100, from: 20_000, to: 30_000 },
    ],
    [
      { at: 0, stage: stageOf('single', ['teacher', 'teacher']) },
      { at: 10_000, stage: stageOf('single', [A, 'students']) },
      { at: 20_000, stage: stageOf('pip', [B, 'students'], ['teacher', 'teacher']) },
      { at: 25_000, stage: stageOf('grid', null) },
    ],
  );
  await finishRecording(db, row.id, 'complete', 'lessonEnded', startedAt + 30_000);
  return (await recordingById(db, row.id))!;
}

/*
 * The directed-view job on a recording made of real WebM segments (solid
 * colours, sine tones) with four stage changes: one MP4, H.264 + AAC at
 * 1280×720, as long as the recording; each stretch shows the stage's main
 * picture (black where its source has a hole), the inset in the corner, the
 * grid's three cells, and each classroom's tone while it spoke.
 */
describe('the directed view of a finished recording', () => {
  let db: Db;
  let row: RecordingRow;
  const dataDir = mkdtempSync(join(tmpdir(), 'tongtang-directed-'));
  const recordingsDir = join(dataDir, 'recordings');
  let file: string;
  let jobSeconds = 0;

  beforeAll(async () => {
    db = await openDatabase(dataDir);
    row = await fakeFinishedRecording(db, recordingsDir, 'lesson-1');
    const jobs = new DirectedViewJobs(db, recordingsDir, createLogger('warn'), { threads: 1, maxChunkMs: 8000 });
    const started = Date.now();
    jobs.wake();
    await jobs.idle();
    jobSeconds = (Date.now() - started) / 1000;
    file = join(recordingsDir, row.dir, DIRECTED_FILE);
  }, 180_000);
  afterAll(async () => db?.destroy());

  it('is one phone-playable MP4 as long as the recording, with its status in the row', async () => {
    console.log(`[directed] 30 s recording built in ${jobSeconds.toFixed(1)} s (${((jobSeconds / 30) * 60).toFixed(1)} s per lesson minute)`);
    expect(existsSync(file)).toBe(true);
    const probe = await probeStreams(file);
    expect(probe.codecs.sort()).toEqual(['aac', 'h264']);
    expect([probe.width, probe.height]).toEqual([1280, 720]);
    expect(Math.abs(probe.durationS - 30)).toBeLessThan(0.5);
    const done = (await recordingById(db, row.id))!;
    // As the library shows it: ready, with its file there.
    expect(directedViewOf(done, recordingsDir)).toEqual({ status: 'ready', progress: null, secondsLeft: null });
    expect(done).toMatchObject({ directed_percent: 100, directed_eta_s: null, directed_error: null });
    expect(Math.abs(Number(done.directed_duration_ms) - 30_000)).toBeLessThan(500);
    expect(existsSync(join(recordingsDir, row.dir, 'directed-parts'))).toBe(false);
  });

  it('shows the stage main picture of each stretch, held where its camera stalled, black where its recorder was dead', async () => {
    expect(hue(await colourAt(file, 3.5))).toBe('red');
    expect(hue(await colourAt(file, 7))).toBe('black');
    expect(hue(await colourAt(file, 11))).toBe('green');
    expect(hue(await colourAt(file, 13)), 'held while the camera sent nothing').toBe('green');
    expect(hue(await colourAt(file, 18))).toBe('green');
    expect(hue(await colourAt(file, 23.5, { x: 100, y: 300, width: 200, height: 200 }))).toBe('blue');
    expect(hue(await colourAt(file, 23.5, { ...PIP_INSET, x: PIP_INSET.x + 20, y: PIP_INSET.y + 20, width: 100, height: 100 }))).toBe('red');
    // The grid: teacher, A, B in three columns.
    const cell = (i: number) => ({ x: i * 426 + 100, y: 300, width: 100, height: 100 });
    expect(await Promise.all([0, 1, 2].map(async (i) => hue(await colourAt(file, 28, cell(i)))))).toEqual(['red', 'green', 'blue']);
  });

  it('has the speaking classroom tone while it spoke, and silence before', async () => {
    const quiet = await toneLevel(file, 700, 2, 6);
    const aSpeaks = await toneLevel(file, 700, 12, 6);
    const bSpeaks = await toneLevel(file, 1100, 22, 6);
    const aAfter = await toneLevel(file, 700, 22, 6);
    console.log(`[directed] 700 Hz: ${quiet.toFixed(1)} dB before, ${aSpeaks.toFixed(1)} dB while A spoke, ${aAfter.toFixed(1)} dB after; 1100 Hz while B spoke: ${bSpeaks.toFixed(1)} dB`);
    expect(aSpeaks).toBeGreaterThan(-30);
    expect(bSpeaks).toBeGreaterThan(-30);
    expect(aSpeaks - quiet).toBeGreaterThan(30);
    expect(bSpeaks - aAfter).toBeGreaterThan(20);
  });
});

/** ffmpeg processes working in a folder (the recorders' and the job's, by their working folder). */
function ffmpegsIn(dir: string): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!.endsWith('ffmpeg') && readlinkSync(`/proc/${pid}/cwd`).startsWith(dir);
    } catch {
      return false;
    }
  });
}

/*
 * The job in a real server: a finished recording waiting for its directed
 * view is taken up at start-up; the server is SIGKILLed once the first chunk
 * is written; the next server ends the dead one's ffmpeg, goes on from the
 * chunks already written (it says how much it kept) and finishes the file.
 */
describe('the directed-view job across a server killed mid-job', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongtang-directed-srv-'));
  const recordingsDir = join(dataDir, 'recordings');
  let row: RecordingRow;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    const db = await openDatabase(dataDir);
    row = await fakeFinishedRecording(db, recordingsDir, 'lesson-2');
    await db.destroy();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('goes on by itself after the restart and ends with the whole file', async () => {
    const parts = join(recordingsDir, row.dir, 'directed-parts');
    const first = await startServer({ dataDir });
    servers.push(first);
    const deadline = Date.now() + 60_000;
    while (!(existsSync(parts) && readdirSync(parts).some((f) => /^part-\d+\.mp4$/.test(f)))) {
      if (Date.now() > deadline) throw new Error(`no chunk written: ${first.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const [rendering] = recordingRows(dataDir, 'lesson-2');
    expect(rendering).toMatchObject({ directed_status: 'rendering' });
    // Between two chunks no ffmpeg runs for a moment (longer on a loaded machine): the kill comes while the next one renders.
    await expect.poll(() => ffmpegsIn(join(recordingsDir, row.dir)).length, { message: 'the job renders its next chunk', timeout: 30_000, interval: 50 }).toBe(1);
    process.kill(first.child.pid!, 'SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    servers = [];

    const second = await startServer({ dataDir });
    servers.push(second);
    const until = Date.now() + 90_000;
    while (recordingRows(dataDir, 'lesson-2')[0]!.directed_status !== 'ready') {
      if (Date.now() > until) throw new Error(`not ready: ${second.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const resumed = second.output().split('\n').flatMap((line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; resumedMs?: number };
        return entry.msg === 'building the directed view' ? [entry.resumedMs ?? 0] : [];
      } catch {
        return [];
      }
    });
    expect(resumed[0], 'the second server kept the chunks the first had written').toBeGreaterThan(0);
    expect(ffmpegsIn(join(recordingsDir, row.dir)), 'no ffmpeg of the dead server is left').toEqual([]);
    const probe = await probeStreams(join(recordingsDir, row.dir, DIRECTED_FILE));
    expect(probe.codecs.sort()).toEqual(['aac', 'h264']);
    expect(Math.abs(probe.durationS - 30)).toBeLessThan(0.5);
    const file = join(recordingsDir, row.dir, DIRECTED_FILE);
    expect(hue(await colourAt(file, 3.5))).toBe('red');
    expect(hue(await colourAt(file, 15))).toBe('green');
  }, 240_000);
});
