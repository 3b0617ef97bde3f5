import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorCode,
  type ConsumerOptions,
  type JoinedLesson,
  type PrecheckRecord,
  type PrecheckReport,
  type QualityReport,
  type ReceiveSample,
  type ServerNotice,
  type TransportOptions,
} from '@shared';
import { createTeacher, scheduleLesson, signIn } from '../../testkit/adminApi.js';
import { connectClient, opusRtpParameters, type RawClient } from './support/signallingClient.js';
import { serverHealth } from '../../testkit/health.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

type Overview = { prechecks: PrecheckRecord[]; reports: QualityReport[] };

/*
 * Quality reports and pre-class checks go to the teacher and nobody else; a
 * bad report or check result is refused with a typed error and changes
 * nothing; a check does not join the lesson or disturb the classroom page.
 */
describe('quality reports and pre-class checks reach only the teacher', () => {
  let server: ServerProcess;
  let teacher: RawClient;
  let classroomA: RawClient;
  let classroomB: RawClient;
  let teacherMicrophone: string;
  let lessonId: string;
  let tokenA: string;
  let tokenB: string;
  let teacherToken: string;
  const notices: Record<'teacher' | 'a' | 'b', ServerNotice[]> = { teacher: [], a: [], b: [] };
  const qualityNotices = (who: 'teacher' | 'a' | 'b'): ServerNotice[] =>
    notices[who].filter((n) => n.type === 'qualityReport' || n.type === 'precheckResult');
  const overview = (): Promise<Overview> => teacher.ok<Overview>({ type: 'getQualityOverview' });
  const health = (): ReturnType<typeof serverHealth> => serverHealth(server);

  const sample = (change: Partial<ReceiveSample> = {}): ReceiveSample => ({
    producerId: teacherMicrophone,
    kind: 'audio',
    rttMs: 12,
    lossPct: 0.5,
    kbps: 38,
    frameWidth: 0,
    frameHeight: 0,
    fps: 0,
    freezes: 0,
    frozenPct: 0,
    ...change,
  });
  const goodReport: PrecheckReport = { camera: 'ok', microphone: 'ok', speaker: 'heard', udp: 'failed', tcp: 'ok', turn: 'notConfigured', uplinkKbps: 2400, rttMs: 4 };

  const joinClassroom = async (classroomId: string, token: string): Promise<RawClient> => {
    const client = await connectClient(server.url, token);
    const joined = await client.ok<JoinedLesson>({ type: 'joinLesson', lessonId, role: 'classroom', classroomId });
    await client.ok({ type: 'declareCapabilities', rtpCapabilities: joined.routerRtpCapabilities });
    await client.ok({ type: 'createTransport', direction: 'recv' });
    return client;
  };

  beforeAll(async () => {
    server = await startServer();
    const lesson = await scheduleLesson({}, server);
    lessonId = lesson.lessonId;
    const tokenOf = (id: string): string => lesson.classrooms.find((c) => c.classroomId === id)!.token;
    tokenA = tokenOf('shanping-4');
    tokenB = tokenOf('hewan-4-2');
    teacherToken = lesson.teacherToken;
    teacher = await connectClient(server.url, lesson.teacherToken);
    await teacher.ok({ type: 'joinLesson', lessonId, role: 'teacher' });
    const send = await teacher.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
    ({ producerId: teacherMicrophone } = await teacher.ok<{ producerId: string }>({
      type: 'produce', transportId: send.id, kind: 'audio', source: 'teacherMic', rtpParameters: opusRtpParameters(4444) as never,
    }));
    classroomA = await joinClassroom('shanping-4', tokenA);
    await classroomA.ok<ConsumerOptions>({ type: 'consume', producerId: teacherMicrophone });
    classroomB = await joinClassroom('hewan-4-2', tokenB);
    teacher.socket.on('notice', (n: ServerNotice) => notices.teacher.push(n));
    classroomA.socket.on('notice', (n: ServerNotice) => notices.a.push(n));
    classroomB.socket.on('notice', (n: ServerNotice) => notices.b.push(n));
  });

  afterAll(async () => {
    for (const client of [teacher, classroomA, classroomB]) client?.close();
    await server?.stop();
  });

  it.each([
    ['a loss that is not a number', { samples: [{ ...sample(), lossPct: 'x' }] }, ErrorCode.BadRequest],
    ['a loss above 100 %', { samples: [{ ...sample(), lossPct: 101 }] }, ErrorCode.BadRequest],
    ['more samples than any page receives', { samples: Array.from({ length: 17 }, () => sample()) }, ErrorCode.BadRequest],
    ['an extra field', { samples: [{ ...sample(), note: '<script>' }] }, ErrorCode.BadRequest],
    ['a producer id that is not one', { samples: [{ ...sample(), producerId: 'teacher' }] }, ErrorCode.BadRequest],
  ])('a report with %s is refused and nothing changes', async (_name, payload, code) => {
    const before = await overview();
    expect(await classroomA.send({ type: 'reportQuality', ...payload })).toMatchObject({ ok: false, error: { code } });
    await new Promise((r) => setTimeout(r, 150));
    expect(await overview()).toEqual(before);
    expect(qualityNotices('teacher')).toEqual([]);
  });

  it('only classrooms report, and only the teacher reads the reports', async () => {
    expect(await teacher.send({ type: 'reportQuality', samples: [] })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    expect(await classroomB.send({ type: 'getQualityOverview' })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    // Signed in, but not in the lesson: a teacher who does not teach it.
    const other = await createTeacher(server);
    const stranger = await connectClient(server.url, (await signIn(server.url, other.login, other.password)).accessToken);
    expect(await stranger.send({ type: 'getQualityOverview' })).toMatchObject({ ok: false, error: { code: ErrorCode.NotJoined } });
    expect(await stranger.send({ type: 'reportQuality', samples: [sample()] })).toMatchObject({ ok: false, error: { code: ErrorCode.NotJoined } });
    stranger.close();
  });

  it('a classroom report reaches the teacher (with the sender filled in by the server) and no classroom', async () => {
    const foreign = sample({ producerId: crypto.randomUUID() });
    await classroomA.ok({ type: 'reportQuality', samples: [sample(), foreign] });
    await expect.poll(() => qualityNotices('teacher').length).toBe(1);
    const notice = qualityNotices('teacher')[0] as Extract<ServerNotice, { type: 'qualityReport' }>;
    expect(notice.report).toMatchObject({ participantId: 'classroom:shanping-4', samples: [{ ...sample(), fromId: 'teacher', layer: null }] });
    // A track the classroom does not receive is not reported as if it did.
    expect(notice.report.samples).toHaveLength(1);
    expect((await overview()).reports).toEqual([notice.report]);
    await new Promise((r) => setTimeout(r, 200));
    expect(qualityNotices('a')).toEqual([]);
    expect(qualityNotices('b')).toEqual([]);
  });

  it('a classroom reporting too fast is slowed down, and the teacher gets at most one notice a second from it', async () => {
    const from = qualityNotices('teacher').length;
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await classroomA.send({ type: 'reportQuality', samples: [sample({ kbps: i })] }));
    expect(replies.some((r) => !r.ok && r.error.code === ErrorCode.RateLimited)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(qualityNotices('teacher').length - from).toBeLessThanOrEqual(1);
  });

  it('a check needs a session that may join as the classroom, and a started check', async () => {
    // Classroom A's terminal checking classroom B, and the teacher checking a classroom: neither is that classroom.
    const teacherCheck = await connectClient(server.url, teacherToken);
    expect(await teacherCheck.send({ type: 'startPrecheck', lessonId, classroomId: 'hewan-4-2' })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    teacherCheck.close();
    const check = await connectClient(server.url, tokenA);
    expect(await check.send({ type: 'startPrecheck', lessonId, classroomId: 'hewan-4-2' })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Forbidden },
    });
    expect(await check.send({ type: 'createPrecheckTransport' })).toMatchObject({ ok: false, error: { code: ErrorCode.NotJoined } });
    expect(await check.send({ type: 'submitPrecheck', report: goodReport })).toMatchObject({ ok: false, error: { code: ErrorCode.NotJoined } });
    // A joined classroom is no check either: its lesson transports are not test transports.
    expect(await classroomB.send({ type: 'measurePrecheck' })).toMatchObject({ ok: false, error: { code: ErrorCode.NotJoined } });
    check.close();
    expect((await overview()).prechecks).toEqual([]);
  });

  it('a check runs beside the classroom page without replacing it; its result reaches only the teacher and its transports close', async () => {
    const before = await health();
    // Classroom B's own terminal, in a second tab beside its classroom page.
    const check = await connectClient(server.url, tokenB);
    const started = await check.ok<{ classroomName: string }>({ type: 'startPrecheck', lessonId, classroomId: 'hewan-4-2' });
    expect(started.classroomName).toContain('河湾乡中心小学');
    const transport = await check.ok<TransportOptions>({ type: 'createPrecheckTransport' });
    expect(new Set(transport.iceCandidates.map((c) => c.protocol))).toEqual(new Set(['udp', 'tcp']));
    await check.ok({ type: 'producePrecheck', transportId: transport.id, kind: 'audio', rtpParameters: opusRtpParameters(5555) as never });
    expect((await health()).media).toMatchObject({ transports: before.media['transports']! + 1, producers: before.media['producers']! + 1 });
    const measured = await check.ok<{ receivedKbps: number; transports: Array<{ iceState: string }> }>({ type: 'measurePrecheck' });
    expect(measured).toMatchObject({ receivedKbps: 0, transports: [{ iceState: 'new' }] });

    // Nobody in the lesson hears of the test stream, and classroom B's page is still in the lesson.
    expect([...notices.a, ...notices.b, ...notices.teacher].filter((n) => n.type === 'trackPublished' || n.type === 'replaced' || n.type === 'participantJoined')).toEqual([]);

    expect(await check.send({ type: 'submitPrecheck', report: { ...goodReport, udp: 'maybe' } })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect((await overview()).prechecks).toEqual([]);

    const record = await check.ok<PrecheckRecord>({ type: 'submitPrecheck', report: goodReport });
    // The verdict is the server's, from the shared rule: UDP blocked but TCP works is "limited".
    expect(record).toMatchObject({ classroomId: 'hewan-4-2', participantId: 'classroom:hewan-4-2', verdict: 'limited', advice: ['udpBlocked'], sfuReceivedKbps: 0 });
    await expect.poll(() => notices.teacher.filter((n) => n.type === 'precheckResult')).toEqual([{ type: 'precheckResult', record }]);
    expect((await overview()).prechecks).toEqual([record]);
    await new Promise((r) => setTimeout(r, 200));
    expect(qualityNotices('a')).toEqual([]);
    expect(qualityNotices('b')).toEqual([]);
    await expect.poll(async () => (await health()).media).toEqual(before.media);
    // The check's media is over for good; its result may still be corrected (e.g. the speakers confirmed later).
    expect(await check.send({ type: 'measurePrecheck' })).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    expect(await check.send({ type: 'createPrecheckTransport' })).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    const corrected = await check.ok<PrecheckRecord>({ type: 'submitPrecheck', report: { ...goodReport, udp: 'ok' } });
    expect(corrected).toMatchObject({ verdict: 'ready', advice: [] });
    await expect.poll(() => notices.teacher.filter((n) => n.type === 'precheckResult').length).toBe(2);
    expect((await overview()).prechecks).toEqual([corrected]);
    check.close();
  });

  it('checking again replaces the running check, and a check left open closes its transports when the page goes away', async () => {
    const before = await health();
    const check = await connectClient(server.url, tokenB);
    for (let i = 0; i < 3; i++) {
      await check.ok({ type: 'startPrecheck', lessonId, classroomId: 'hewan-4-2' });
      await check.ok({ type: 'createPrecheckTransport' });
    }
    await expect.poll(async () => (await health()).media['transports']).toBe(before.media['transports']! + 1);
    check.close();
    await expect.poll(async () => (await health()).media).toEqual(before.media);
  });
});
