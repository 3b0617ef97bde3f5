import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type JoinedLesson, type LatencyProbe, type ServerNotice, type TransportOptions } from '@shared';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { parseMetrics, sample } from './support/prometheusText.js';
import { connectClient, opusRtpParameters, type RawClient } from './support/signallingClient.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

/*
 * 延迟检测 on the server: the clock for offset estimation, a probe only the
 * teacher starts, classroom microphones open for the probe window only
 * (the floor itself unchanged), and reports that reach the teacher.
 */
describe('latency probe signalling', () => {
  let server: ServerProcess;
  let teacher: RawClient;
  let classroom: RawClient;
  let microphone: string;
  let classroomId: string;
  const atTeacher: ServerNotice[] = [];
  const atClassroom: ServerNotice[] = [];

  beforeAll(async () => {
    server = await startServer();
    const lesson = await scheduleLesson({}, server);
    teacher = await connectClient(server.url, lesson.teacherToken);
    teacher.socket.on('notice', (notice: ServerNotice) => atTeacher.push(notice));
    await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    const { token } = lesson.classrooms[0]!;
    classroomId = lesson.classrooms[0]!.classroomId;
    classroom = await connectClient(server.url, token);
    classroom.socket.on('notice', (notice: ServerNotice) => atClassroom.push(notice));
    const joined = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId });
    await classroom.ok({ type: 'declareCapabilities', rtpCapabilities: joined.routerRtpCapabilities });
    const send = await classroom.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
    ({ producerId: microphone } = await classroom.ok<{ producerId: string }>({
      type: 'produce', transportId: send.id, kind: 'audio', source: 'studentsMic', rtpParameters: opusRtpParameters(4444) as never,
    }));
  });

  afterAll(async () => {
    for (const client of [teacher, classroom]) client?.close();
    await server?.stop();
  });

  it('answers clockSync with the server clock', async () => {
    const before = Date.now();
    const { serverTime } = await classroom.ok<{ serverTime: number }>({ type: 'clockSync' });
    expect(serverTime).toBeGreaterThanOrEqual(before - 5);
    expect(serverTime).toBeLessThanOrEqual(Date.now() + 5);
  });

  it('lets only the teacher start a probe', async () => {
    const reply = await classroom.send({ type: 'startLatencyProbe' });
    expect(reply).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    expect(await classroom.send({ type: 'startLatencyProbe', durationS: 100_000 })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
  });

  it('opens classroom microphones for the probe window only, and passes reports to the teacher', async () => {
    const paused = (): boolean | undefined =>
      atClassroom.concat(atTeacher).filter((n) => n.type === 'trackPaused' && n.producerId === microphone).map((n) => (n as { paused: boolean }).paused).at(-1);
    const probe = await teacher.ok<LatencyProbe>({ type: 'startLatencyProbe', durationS: 3 });
    expect(probe.startsAt).toBeGreaterThan(Date.now());
    await expect.poll(() => atClassroom.some((n) => n.type === 'latencyProbe' && n.probe.probeId === probe.probeId)).toBe(true);
    await expect.poll(paused).toBe(false);
    // The floor did not change: still lecture, nobody holds it.
    expect(atClassroom.some((n) => n.type === 'floorChanged')).toBe(false);

    const measurements = [{ from: 'teacher', kind: 'video' as const, count: 30, p50: 120, p95: 180, p99: 200 }];
    await classroom.ok({ type: 'reportLatency', probeId: probe.probeId, measurements });
    await expect.poll(() => atTeacher.find((n) => n.type === 'latencyReport')).toMatchObject({ probeId: probe.probeId, measurements });
    expect(await classroom.send({ type: 'reportLatency', probeId: 'other', measurements })).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    // The operator's view: /metrics counts the reported median in its bucket.
    const metrics = parseMetrics(await (await fetch(`${server.url}/metrics`)).text());
    expect(sample(metrics, 'tongtang_latency_probe_ms', { kind: 'video' }, 'tongtang_latency_probe_ms_count')).toBe(1);
    expect(sample(metrics, 'tongtang_latency_probe_ms', { kind: 'video', le: '100' }, 'tongtang_latency_probe_ms_bucket')).toBe(0);
    expect(sample(metrics, 'tongtang_latency_probe_ms', { kind: 'video', le: '150' }, 'tongtang_latency_probe_ms_bucket')).toBe(1);

    // After the window (2.5 s lead + 3 s + 2 s tail) the floor rule pauses the microphone again.
    await expect.poll(paused, { timeout: 15_000, interval: 500 }).toBe(true);
  });

  it('keeps a classroom the teacher muted paused through a probe, and opens the others for at most 15 s', async () => {
    const resumed = (): boolean => atTeacher.some((n, i) => i >= mark && n.type === 'trackPaused' && n.producerId === microphone && !n.paused);
    await teacher.ok({ type: 'muteParticipant', participantId: `classroom:${classroomId}`, muted: true });
    const mark = atTeacher.length;
    const asked = Date.now();
    const probe = await teacher.ok<LatencyProbe>({ type: 'startLatencyProbe', durationS: 10 });
    expect(probe.microphonesOpenUntil - asked).toBeLessThanOrEqual(15_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(resumed()).toBe(false);
    // A long check would hold classroom microphones open; in lecture mode it is refused.
    expect(await teacher.send({ type: 'startLatencyProbe', durationS: 60 })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    await teacher.ok({ type: 'muteParticipant', participantId: `classroom:${classroomId}`, muted: false });
  });
});
