import { copyFileSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type JoinedLesson } from '@shared';
import { scheduleLesson, type ScheduledLesson } from '../../testkit/adminApi.js';
import { serverHealth } from '../../testkit/health.js';
import { startServer, workerBinEnv, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, type RawClient } from './support/signallingClient.js';

/*
 * A media worker dies and none can be started in its place (its binary is
 * gone, as after a broken upgrade): the lesson is told plainly, requests
 * answer UNAVAILABLE at once, the pre-class check is told too, and the server
 * keeps trying; once the binary is back, a worker starts, the lesson gets a
 * router and every page is told to set up its media again.
 */
describe('a lesson whose worker dies with no worker to replace it', () => {
  // The server spawns its workers from this copy, so the test can take it away and put it back.
  const workerBin = join(mkdtempSync(join(tmpdir(), 'tongtang-worker-')), 'mediasoup-worker');
  let server: ServerProcess;
  let lesson: ScheduledLesson;
  let teacher: RawClient;
  let checker: RawClient;

  const classroom = (): { classroomId: string } => ({ classroomId: lesson.classrooms[0]!.classroomId });
  const joinTeacher = (): Promise<JoinedLesson> => teacher.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
  const startCheck = (): Promise<unknown> => checker.send({ type: 'startPrecheck', lessonId: lesson.lessonId, ...classroom() });

  beforeAll(async () => {
    copyFileSync(workerBinEnv()['MEDIASOUP_WORKER_BIN']!, workerBin);
    server = await startServer({ env: { WORKERS: '1', MEDIASOUP_WORKER_BIN: workerBin } });
    lesson = await scheduleLesson({}, server);
    teacher = await connectClient(server.url, lesson.teacherToken);
    await joinTeacher();
    await teacher.ok({ type: 'createTransport', direction: 'send' });
    checker = await connectClient(server.url, lesson.classrooms[0]!.token);
    expect(await startCheck()).toMatchObject({ ok: true });
    await checker.ok({ type: 'createPrecheckTransport' });
  });

  afterAll(async () => {
    teacher?.close();
    checker?.close();
    await server?.stop();
  });

  it('says so, answers UNAVAILABLE at once, keeps trying, and restarts the media once a worker runs', async () => {
    const [worker] = (await serverHealth(server)).workers;
    renameSync(workerBin, `${workerBin}.away`);
    const fromTeacher = teacher.notices.length;
    const fromChecker = checker.notices.length;
    process.kill(worker!.pid, 'SIGKILL');

    expect(await teacher.notice('mediaUnavailable', fromTeacher)).toMatchObject({ reason: expect.stringContaining('keeps trying') });
    await checker.notice('mediaUnavailable', fromChecker);
    const health = await serverHealth(server);
    expect(health.ok).toBe(false);
    expect(health.workers[0]).toMatchObject({ alive: false });

    // Nothing waits for a worker that is not coming: each reply is prompt.
    for (const attempt of [
      () => teacher.send({ type: 'createTransport', direction: 'send' }),
      () => checker.send({ type: 'createPrecheckTransport' }),
      startCheck,
      () => connectClient(server.url, lesson.classrooms[0]!.token).then((c) => c.send({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', ...classroom() }).finally(c.close)),
    ]) {
      const sentAt = Date.now();
      const reply = await attempt();
      expect(reply).toMatchObject({ ok: false, error: { code: expect.stringMatching(`${ErrorCode.Unavailable}|${ErrorCode.NotFound}`) } });
      expect(Date.now() - sentAt).toBeLessThan(1500);
    }
    // The server keeps trying (and says so in its log) for as long as it takes.
    await new Promise((r) => setTimeout(r, 3000));
    expect(server.output()).toContain('replacing the media worker failed; retrying');
    expect(teacher.notices.slice(fromTeacher).map((n) => n.type)).not.toContain('mediaRestart');

    renameSync(`${workerBin}.away`, workerBin);
    const restart = await teacher.notice('mediaRestart', fromTeacher, 15_000);
    expect(restart.type).toBe('mediaRestart');
    await checker.notice('mediaRestart', fromChecker);
    const after = await serverHealth(server);
    expect(after.ok).toBe(true);
    expect(after.workers[0]).toMatchObject({ alive: true, lessons: 1 });
    expect(after.workers[0]!.pid).not.toBe(worker!.pid);

    // What the pages do on mediaRestart: join again and set up media on the new router; the check starts again.
    await joinTeacher();
    await teacher.ok({ type: 'createTransport', direction: 'send' });
    expect(await startCheck()).toMatchObject({ ok: true });
    await checker.ok({ type: 'createPrecheckTransport' });
  });
});
