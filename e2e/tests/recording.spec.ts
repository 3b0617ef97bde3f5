import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ErrorCode } from '../../shared/src/errors.js';
import type { JoinedLesson } from '../../shared/src/requests.js';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { LessonPages } from '../../testkit/lessonPages.js';
import { probeStreams } from '../../testkit/fakeRecording.js';
import { blackStretches, coverage, cpuSeconds, filesUnder, probeFile, recorderProcesses, recordingFolder, recordingRows, untilDirectedReady } from '../../testkit/recordings.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { serverFetch } from '../../testkit/trustedFetch.js';
import { connectClient } from '../../server/test/support/signallingClient.js';
import { expectDecoding } from '../support/decoding.js';

/** Longest a segment may be: ffmpeg cuts at the key frame the server asks for every 5 s. */
const SEGMENT_MAX_MS = 6000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/*
 * 录制 of a real lesson: the teacher's and a classroom's Chromium with fake
 * cameras and microphones, the server under its supervisor as `npm start`
 * runs it. A classroom cannot start recording; the teacher's button does,
 * and both pages show 录制中. Every published track is written by its own
 * ffmpeg into segments that ffprobe decodes (VP8, Opus), whose manifest
 * times cover the recording; one ffmpeg is SIGKILLed and the server itself
 * is SIGKILLed mid-lesson, and each time the recording goes on by itself
 * with a gap of at most one segment. The stage log has the floor grant and
 * the layout change. The directed view built afterwards loses at most 10 s
 * of the teacher's picture around each fault (the server's: 10 s beyond its
 * own start-up, which a loaded machine stretches).
 */
test('a lesson is recorded per source, survives a killed recorder and a killed server, and only the teacher can start it', async () => {
  test.setTimeout(300_000);
  const server: ServerProcess = await startServer({ supervised: true });
  const recordingsDir = join(server.dataDir, 'recordings');
  const pages = new LessonPages();
  try {
    const links = await scheduleLesson({ classroomIds: ['shanping-4', 'hewan-4-2'], subject: '数学' }, server);
    const idA = 'classroom:shanping-4';
    const teacher = await pages.open(links.teacher, 'teacher');
    const classroomA = await pages.open(links.classrooms.find((c) => c.classroomId === 'shanping-4')!.url, 'classroom A');
    await expectDecoding(classroomA, 'teacher', ['video', 'audio']);
    await expectDecoding(teacher, idA, ['video']);
    await teacher.getByTestId('start-lesson').click();
    await expect(teacher.getByTestId('lesson-status')).toHaveAttribute('data-status', 'live');

    // A hostile classroom (B's terminal, a raw client) asks to record: refused, and nothing starts.
    const hostile = await connectClient(server.url, links.classrooms.find((c) => c.classroomId === 'hewan-4-2')!.token);
    const joinedB = (await hostile.ok({ type: 'joinLesson', lessonId: links.lessonId, role: 'classroom', classroomId: 'hewan-4-2' })) as JoinedLesson;
    expect(joinedB.recording.active).toBe(false);
    const refused = await hostile.send({ type: 'setRecording', recording: true });
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    await sleep(1000);
    expect(recordingRows(server.dataDir, links.lessonId)).toEqual([]);
    expect(recorderProcesses(server.serverPid())).toEqual([]);
    expect(filesUnder(recordingsDir)).toEqual([]);
    expect(hostile.notices.filter((n) => n.type === 'recordingChanged')).toEqual([]);
    await expect(teacher.getByTestId('recording-badge')).toHaveCount(0);
    hostile.close();

    // The teacher presses 开始录制: every page shows 录制中.
    const recordedFrom = Date.now();
    await teacher.getByTestId('record-button').click();
    await expect(teacher.getByTestId('recording-badge')).toHaveText('录制中');
    await expect(classroomA.getByTestId('recording-badge')).toHaveText('录制中');
    await expect(teacher.getByTestId('record-button')).toHaveAttribute('aria-pressed', 'true');
    const [row] = recordingRows(server.dataDir, links.lessonId);
    expect(row).toMatchObject({ status: 'recording', started_by: 'teacher', subject: '数学', school_ids: 'chengguan,hewan,shanping' });
    await expect.poll(() => recorderProcesses(server.serverPid()).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);

    // A takes the floor (its microphone opens and is recorded from then on).
    await sleep(4000);
    await classroomA.getByTestId('raise-hand').click();
    await teacher.locator(`[data-testid="hand-entry"][data-participant-id="${idA}"] [data-testid="grant-floor"]`).click();
    await expect(teacher.locator(`[data-testid="floor-holder"][data-holder-id="${idA}"]`)).toBeVisible();

    // What each recorder costs: its ffmpeg's CPU over a few seconds of the lesson.
    const measured = recorderProcesses(server.serverPid()).map((p) => ({ ...p, cpu: cpuSeconds(p.pid) }));
    const measuredAt = Date.now();
    // The grid: the teacher's camera is in its own cell of the directed view from now on.
    await sleep(Math.max(0, recordedFrom + 9000 - Date.now()));
    await teacher.getByTestId('directing-grid').click();
    await expect(teacher.getByTestId('directing-grid')).toHaveAttribute('aria-pressed', 'true');
    // The teacher camera's ffmpeg is killed.
    await sleep(Math.max(0, recordedFrom + 12_000 - Date.now()));
    const seconds = (Date.now() - measuredAt) / 1000;
    console.log(`[recording] ffmpeg CPU per source over ${seconds.toFixed(1)} s: ${measured.map((p) => `${p.dir.split('/').slice(-2).join('/')} ${((100 * (cpuSeconds(p.pid) - p.cpu)) / seconds).toFixed(1)} %`).join(', ')}`);
    const cameraRecorder = recorderProcesses(server.serverPid()).find((p) => p.dir.endsWith('/teacher/teacher'));
    expect(cameraRecorder, 'the teacher camera has a recorder').toBeDefined();
    const recorderKilledAt = Date.now();
    process.kill(cameraRecorder!.pid, 'SIGKILL');
    await expect
      .poll(() => recorderProcesses(server.serverPid()).some((p) => p.dir.endsWith('/teacher/teacher') && p.pid !== cameraRecorder!.pid), { timeout: 10_000 })
      .toBe(true);

    // The server is killed: the supervisor starts it again, the pages come back, and the recording goes on by itself.
    await sleep(Math.max(0, recordedFrom + 22_000 - Date.now()));
    const killedServer = server.serverPid();
    const serverKilledAt = Date.now();
    process.kill(killedServer, 'SIGKILL');
    await expect.poll(() => { try { return server.serverPid() !== killedServer; } catch { return false; } }, { timeout: 30_000 }).toBe(true);
    // How long the new process takes to answer is start-up (tsx, migrations, workers), which a loaded machine stretches; the recording's part starts there.
    await expect.poll(() => serverFetch(`${server.url}/healthz`).then((r) => r.ok, () => false), { timeout: 60_000, intervals: [100] }).toBe(true);
    const serverUpAt = Date.now();
    await expect.poll(() => recorderProcesses(server.serverPid()).filter((p) => p.dir.endsWith('/teacher/teacher')).length, { timeout: 60_000 }).toBe(1);
    const resumedAt = Date.now();
    console.log(`[recording] server killed → answering again ${serverUpAt - serverKilledAt} ms → its recorders run again ${resumedAt - serverKilledAt} ms`);
    await expect(teacher.getByTestId('recording-badge')).toHaveText('录制中', { timeout: 30_000 });
    await expect(classroomA.getByTestId('recording-badge')).toHaveText('录制中', { timeout: 30_000 });
    await sleep(12_000);

    // 停止录制: the badge goes; what was written is listed, whole.
    await teacher.getByTestId('record-button').click();
    await expect(teacher.getByTestId('recording-badge')).toHaveCount(0);
    await expect(classroomA.getByTestId('recording-badge')).toHaveCount(0);
    const recordedTo = Date.now();
    const [done] = recordingRows(server.dataDir, links.lessonId);
    expect(done).toMatchObject({ id: row!.id, status: 'stopped', stop_reason: 'teacher' });
    const { segments, stageLog } = recordingFolder(recordingsDir, done!);
    expect(done!.segment_count).toBe(segments.length);
    expect(done!.size_bytes).toBe(segments.reduce((sum, s) => sum + s.bytes, 0));
    expect(done!.duration_ms).toBeGreaterThanOrEqual(20_000);

    const bySource = new Map<string, typeof segments>();
    for (const s of segments) bySource.set(`${s.participantId}/${s.source}`, [...(bySource.get(`${s.participantId}/${s.source}`) ?? []), s]);
    console.log(`[recording] ${segments.length} segments: ${[...bySource].map(([key, list]) => `${key} ${list.length} (${Math.round(list.reduce((a, s) => a + s.bytes, 0) / 1024)} KiB)`).join(', ')}`);
    expect([...bySource.keys()]).toEqual(expect.arrayContaining(['teacher/teacher', 'teacher/teacherMic', `${idA}/students`, `${idA}/studentsMic`]));
    for (const segment of segments.filter((s) => !s.partial)) {
      const decoded = await probeFile(join(recordingsDir, done!.dir, segment.file));
      expect(decoded.codec, segment.file).toBe(segment.kind === 'video' ? 'vp8' : 'opus');
      expect(decoded.frames, segment.file).toBeGreaterThan(0);
      expect(segment.endedAt - segment.startedAt, segment.file).toBeLessThanOrEqual(SEGMENT_MAX_MS + 500);
    }
    // The cameras and the teacher's microphone cover the recording, with no hole longer than a segment except
    // across the server's death (the restart takes its own seconds: from the kill until the recorders ran again).
    for (const key of ['teacher/teacher', `${idA}/students`, 'teacher/teacherMic']) {
      const list = bySource.get(key)!;
      const before = coverage(list, recordedFrom + 3000, serverKilledAt);
      const after = coverage(list, resumedAt + 3000, recordedTo - 1000);
      console.log(`[recording] ${key}: longest gap ${before.longestGap} ms before the server's death, ${after.longestGap} ms after; runs ${new Set(list.map((s) => s.run)).size}`);
      expect(before.longestGap, `${key} before the server's death`).toBeLessThanOrEqual(SEGMENT_MAX_MS);
      expect(after.longestGap, `${key} after the restart`).toBeLessThanOrEqual(SEGMENT_MAX_MS);
      const restartGap = coverage(list, serverKilledAt - 1000, resumedAt + 3000).longestGap;
      expect(restartGap, `${key} across the restart`).toBeLessThanOrEqual(resumedAt - serverKilledAt + SEGMENT_MAX_MS);
    }
    const camera = bySource.get('teacher/teacher')!;
    expect(new Set(camera.map((s) => s.run)).size, 'the camera was written by three ffmpeg runs').toBeGreaterThanOrEqual(3);
    expect(coverage(camera, recorderKilledAt - SEGMENT_MAX_MS, recorderKilledAt + SEGMENT_MAX_MS).longestGap, 'the killed recorder lost at most one segment').toBeLessThanOrEqual(SEGMENT_MAX_MS);
    // The stage log: the grant, the layout change, the resumption, each with its time.
    const floorGrant = stageLog.find((e) => e.type === 'floor' && e.floor.holders.includes(idA));
    const grid = stageLog.find((e) => e.type === 'stage' && e.stage.directing.choice === 'grid');
    expect(floorGrant?.at).toBeGreaterThan(recordedFrom);
    expect(grid?.at).toBeGreaterThan(floorGrant!.at);
    expect(stageLog.filter((e) => e.type === 'recordingStarted').map((e) => e.type === 'recordingStarted' && e.resumed)).toEqual([false, true]);
    expect(stageLog.at(-1)).toMatchObject({ type: 'recordingStopped', reason: 'teacher' });

    // 导播画面 of the stopped recording: as long as the recording, and the teacher's cell of the grid is black
    // for at most 10 s around each fault (the killed recorder, the killed server).
    await pages.close();
    const { row: directed } = await untilDirectedReady(server, links.lessonId, 120_000);
    const file = join(recordingsDir, done!.dir, 'directed.mp4');
    const span = { from: stageLog.find((e) => e.type === 'recordingStarted')!.at, to: stageLog.at(-1)!.at };
    const probe = await probeStreams(file);
    expect(probe.codecs.sort()).toEqual(['aac', 'h264']);
    expect(Math.abs(probe.durationS - (span.to - span.from) / 1000)).toBeLessThanOrEqual(2);
    const at = (ms: number): number => (ms - span.from) / 1000;
    const black = await blackStretches(file, at(grid!.at) + 1, { x: 0, y: 0, width: 638, height: 720 });
    // Black time (s) of the cell in [from, to) ms.
    const blackIn = (from: number, to: number): number => black.reduce((sum, b) => sum + Math.max(0, Math.min(b.end, at(to)) - Math.max(b.start, at(from))), 0);
    const afterRecorder = blackIn(recorderKilledAt - 2000, serverKilledAt - 1000);
    const afterServer = blackIn(serverKilledAt - 1000, span.to);
    console.log(`[recording] directed view: ${probe.durationS.toFixed(1)} s, ${directed.directed_bytes} bytes; the teacher's cell black ${afterRecorder.toFixed(1)} s after the killed recorder, ${afterServer.toFixed(1)} s after the killed server`);
    expect(afterRecorder, 'the killed recorder').toBeLessThanOrEqual(10);
    // Once the server answers again, the pages rejoin and the recording is back within 10 s.
    expect(afterServer, 'the killed server, beyond its start-up').toBeLessThanOrEqual(10 + (serverUpAt - serverKilledAt) / 1000);
    expect(blackIn(span.from, span.to), 'no other black stretch in the teacher cell').toBeLessThanOrEqual(afterRecorder + afterServer + 1);
  } finally {
    await pages.close();
    await server.stop();
  }
});
