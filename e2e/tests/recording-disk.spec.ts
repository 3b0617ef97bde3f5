import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { LessonPages } from '../../testkit/lessonPages.js';
import { auditRows, probeFile, recorderProcesses, recordingFolder, recordingRows } from '../../testkit/recordings.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { serverFetch } from '../../testkit/trustedFetch.js';
import { expectDecoding } from '../support/decoding.js';

/** A small filesystem of its own for the recordings (tmpfs of `sizeMb`); null where this machine may not mount one. */
function smallDisk(sizeMb: number): { dir: string; remove(): void } | null {
  const dir = mkdtempSync(join(tmpdir(), 'tongtang-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    remove: () => {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/*
 * The recordings' disk fills during a lesson that records by itself (its
 * setting): an 8 MB filesystem that must keep 6 MB free. Recording starts
 * at 开始上课 without a click (录制中 on every page), and when the free space
 * runs below the threshold it stops: the alarm reaches the teacher's page,
 * the school admin's audit trail has it, the server and the lesson go on,
 * and every segment written plays.
 */
test('a lesson set to record starts by itself, and a full disk stops it with an alarm while the lesson goes on', async () => {
  test.setTimeout(240_000);
  const disk = smallDisk(8);
  test.skip(disk === null, 'this machine cannot mount a tmpfs (mount needs root): the disk-full case is not tested here');
  let server: ServerProcess | null = null;
  const pages = new LessonPages();
  try {
    server = await startServer({ env: { RECORDING_DIR: disk!.dir, RECORDING_MIN_FREE_MB: '6' } });
    const links = await scheduleLesson({ classroomIds: ['shanping-4'], record: true }, server);
    const teacher = await pages.open(links.teacher, 'teacher');
    const classroom = await pages.open(links.classrooms[0]!.url, 'classroom');
    await expectDecoding(classroom, 'teacher', ['video']);
    await expect(teacher.getByTestId('recording-badge')).toHaveCount(0);

    await teacher.getByTestId('start-lesson').click();
    await expect(teacher.getByTestId('recording-badge')).toHaveText('录制中');
    await expect(classroom.getByTestId('recording-badge')).toHaveText('录制中');
    expect(recordingRows(server.dataDir, links.lessonId)[0]).toMatchObject({ status: 'recording', started_by: 'setting' });

    const alarm = teacher.getByTestId('recording-alarm');
    await expect(alarm).toBeVisible({ timeout: 150_000 });
    await expect(alarm).toContainText('磁盘');
    await expect(teacher.getByTestId('recording-badge')).toHaveCount(0);
    await expect(classroom.getByTestId('recording-badge')).toHaveCount(0);
    console.log(`[recording-disk] alarm: ${await alarm.textContent()}`);
    const free = statfsSync(disk!.dir);
    console.log(`[recording-disk] free after the stop: ${Math.round((free.bavail * free.bsize) / 1024)} KiB`);

    // The server and the lesson go on; no recorder runs any more.
    expect((await serverFetch(`${server.url}/healthz`)).ok).toBe(true);
    await expectDecoding(classroom, 'teacher', ['video', 'audio']);
    expect(recorderProcesses(server.child.pid!)).toEqual([]);

    const [row] = recordingRows(server.dataDir, links.lessonId);
    expect(row).toMatchObject({ status: 'stopped', stop_reason: 'diskLow' });
    expect(auditRows(server.dataDir, 'recording.diskAlarm')).toEqual([expect.objectContaining({ target: row!.id, school_id: 'chengguan' })]);
    const { segments, stageLog } = recordingFolder(disk!.dir, row!);
    expect(segments.length).toBeGreaterThan(2);
    expect(stageLog.at(-1)).toMatchObject({ type: 'recordingStopped', reason: 'diskLow' });
    for (const segment of segments) {
      const decoded = await probeFile(join(disk!.dir, row!.dir, segment.file)).catch((error: Error) => ({ frames: 0, error: `${JSON.stringify(segment)} ${error.message.slice(0, 300)}` }));
      expect(decoded, segment.file).toMatchObject({ frames: expect.any(Number) });
      expect(decoded.frames, JSON.stringify(decoded)).toBeGreaterThan(0);
    }
  } finally {
    await pages.close();
    await server?.stop();
    disk?.remove();
  }
});
