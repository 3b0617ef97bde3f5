import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { colourAt, hue, probeStreams, toneLevel } from '../../testkit/fakeRecording.js';
import { recorderProcesses, recordingFolder, untilDirectedReady } from '../../testkit/recordings.js';
import { startServer } from '../../testkit/serverProcess.js';
import { Classrooms } from '../support/browsers.js';
import { cameraFile } from '../support/cameraFile.js';
import { expectDecoding } from '../support/decoding.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The middle of the main picture (clear of the picture-in-picture corner). */
const MIDDLE = { x: 440, y: 260, width: 400, height: 300 };

async function grant(teacher: Page, classroom: Page, id: string): Promise<void> {
  await classroom.getByTestId('raise-hand').click();
  await teacher.locator(`[data-testid="hand-entry"][data-participant-id="${id}"] [data-testid="grant-floor"]`).click();
  await expect(teacher.locator(`[data-testid="floor-holder"][data-holder-id="${id}"]`)).toBeVisible();
}

/*
 * 导播画面 of a real 60 s lesson: the teacher's camera is red, classroom A's
 * green, B's blue; A's microphone beeps at 700 Hz, B's at 1100 Hz. The
 * teacher records, grants A the floor, then B, then switches to the grid,
 * and ends the lesson (下课). The job builds one MP4: H.264 + AAC, 720p, as
 * long as the recording; after each change the frames show the expected
 * picture, and each classroom is heard while it had the floor and not
 * after (a floor-gated microphone sends nothing). Its progress is in the
 * recording row while it runs.
 */
test('a recorded lesson becomes one directed MP4 that follows the stage and the floor', async () => {
  test.setTimeout(230_000);
  const server = await startServer();
  const rooms = new Classrooms();
  try {
    const links = await scheduleLesson({ classroomIds: ['shanping-4', 'hewan-4-2'], subject: '数学' }, server);
    const idA = 'classroom:shanping-4';
    const idB = 'classroom:hewan-4-2';
    const [red, green, blue] = await Promise.all((['red', 'green', 'blue'] as const).map((c) => cameraFile(1280, 720, c)));
    const teacher = await rooms.open(links.teacher, 'silence', { file: red! });
    const classroomA = await rooms.open(links.classrooms.find((c) => c.classroomId === 'shanping-4')!.url, { toneHz: 700 }, { file: green! });
    const classroomB = await rooms.open(links.classrooms.find((c) => c.classroomId === 'hewan-4-2')!.url, { toneHz: 1100 }, { file: blue! });
    await expectDecoding(teacher, idA, ['video']);
    await expectDecoding(teacher, idB, ['video']);
    await teacher.getByTestId('start-lesson').click();
    await expect(teacher.getByTestId('lesson-status')).toHaveAttribute('data-status', 'live');
    await teacher.getByTestId('record-button').click();
    await expect(teacher.getByTestId('recording-badge')).toHaveText('录制中');
    const recordedFrom = Date.now();
    await expect.poll(() => recorderProcesses(server.serverPid()).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);

    await sleep(recordedFrom + 10_000 - Date.now());
    await grant(teacher, classroomA, idA);
    await sleep(recordedFrom + 25_000 - Date.now());
    await teacher.getByTestId('revoke-floor').first().click();
    await grant(teacher, classroomB, idB);
    await sleep(recordedFrom + 40_000 - Date.now());
    await teacher.getByTestId('directing-grid').click();
    await expect(teacher.getByTestId('directing-grid')).toHaveAttribute('aria-pressed', 'true');
    await sleep(recordedFrom + 62_000 - Date.now());
    await teacher.getByTestId('end-lesson').click();
    await expect(teacher.getByTestId('recording-badge')).toHaveCount(0);
    await rooms.close();

    const endedAt = Date.now();
    const { row, progress, cpu } = await untilDirectedReady(server, links.lessonId, 150_000);
    const { dir, stageLog } = recordingFolder(join(server.dataDir, 'recordings'), row);
    const file = join(dir, 'directed.mp4');
    const span = { from: stageLog.find((e) => e.type === 'recordingStarted')!.at, to: stageLog.findLast((e) => e.type === 'recordingStopped')!.at };
    const lessonS = (span.to - span.from) / 1000;
    const probe = await probeStreams(file);
    const jobS = (row.directed_updated_at! - row.ended_at!) / 1000;
    console.log(
      `[directed] ${lessonS.toFixed(1)} s lesson (media in ${(row.duration_ms / 1000).toFixed(1)} s) → ${probe.durationS.toFixed(1)} s MP4 of ${(row.directed_bytes! / 1e6).toFixed(2)} MB (${((row.directed_bytes! / 1e6 / lessonS) * 3600).toFixed(0)} MB per lesson hour) ` +
        `in ${jobS.toFixed(1)} s (${((jobS / lessonS) * 60).toFixed(1)} s per lesson minute), ffmpeg CPU ${cpu.toFixed(1)} s; progress seen ${JSON.stringify(progress.slice(0, 3))}…; ready ${Date.now() - endedAt} ms after 下课`,
    );
    expect(probe.codecs.sort()).toEqual(['aac', 'h264']);
    expect([probe.width, probe.height]).toEqual([1280, 720]);
    expect(lessonS).toBeGreaterThanOrEqual(60);
    expect(Math.abs(probe.durationS - lessonS)).toBeLessThanOrEqual(2);
    // (The row's duration_ms counts only the time some source had media: less when the recorders started late.)
    expect(Math.abs(probe.durationS - (row.ended_at! - row.started_at) / 1000)).toBeLessThanOrEqual(3);
    expect(progress.some(([percent, eta]) => percent > 0 && percent < 100 && eta !== null), 'the row showed progress and time left').toBe(true);

    // The stage changes as logged, and what the MP4 shows a few seconds after each.
    const at = (ms: number): number => (ms - span.from) / 1000;
    const mainA = stageLog.find((e) => e.type === 'stage' && e.stage.main?.participantId === idA)!.at;
    const mainB = stageLog.find((e) => e.type === 'stage' && e.stage.main?.participantId === idB)!.at;
    const grid = stageLog.find((e) => e.type === 'stage' && e.stage.layout === 'grid')!.at;
    expect(mainA).toBeLessThan(mainB);
    expect(mainB).toBeLessThan(grid);
    expect(hue(await colourAt(file, at(mainA) - 3, MIDDLE)), 'the teacher before the first grant').toBe('red');
    expect(hue(await colourAt(file, at(mainA) + 4, MIDDLE)), 'A while it has the floor').toBe('green');
    expect(hue(await colourAt(file, at(mainB) + 4, MIDDLE)), 'B while it has the floor').toBe('blue');
    const cells = await Promise.all([0, 1, 2].map(async (i) => hue(await colourAt(file, at(grid) + 4, { x: i * 428 + 112, y: 260, width: 200, height: 200 }))));
    expect(cells[0], 'the teacher first in the grid').toBe('red');
    expect([...cells].sort()).toEqual(['blue', 'green', 'red']);

    // Each classroom is heard while it holds the floor, and not once it lost it.
    const floorOf = (id: string) => stageLog.find((e) => e.type === 'floor' && e.floor.holders.includes(id))!.at;
    const [fromA, fromB] = [at(floorOf(idA)), at(floorOf(idB))];
    const levels = {
      aWhileA: await toneLevel(file, 700, fromA + 2, 8),
      aWhileB: await toneLevel(file, 700, fromB + 2, 8),
      bWhileA: await toneLevel(file, 1100, fromA + 2, 8),
      bWhileB: await toneLevel(file, 1100, fromB + 2, 8),
    };
    console.log(`[directed] tone levels (dB): ${JSON.stringify(levels)}`);
    expect(levels.aWhileA).toBeGreaterThan(-40);
    expect(levels.bWhileB).toBeGreaterThan(-40);
    expect(levels.aWhileA - levels.aWhileB).toBeGreaterThan(15);
    expect(levels.bWhileB - levels.bWhileA).toBeGreaterThan(15);
  } finally {
    await rooms.close();
    await server.stop();
  }
});
