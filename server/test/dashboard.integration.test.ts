import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardSchema, lessonSummarySchema, type ClientRequest, type ConsumerOptions, type Dashboard, type JoinedLesson, type LatencyProbe, type PrecheckReport, type ReceiveSample, type TransportOptions } from '@shared';
import { adminToken, apiCall, createPerson, createTeacher, scheduleLesson, signIn, type ScheduledLesson } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { MAX_FREEZES_PER_REPORT } from '../src/features/quality/qualityFacts.js';
import { addBureau } from './support/cast.js';
import { connectClient, vp8RtpParameters, type RawClient } from './support/signallingClient.js';

const A = 'classroom:shanping-4';
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const HOUR = 3_600_000;

/** A school time zone in which it is now about noon: "earlier today" and "later today" stay today, and this week. */
function noonZone(now: number): string {
  const offset = 12 - new Date(now).getUTCHours();
  // Etc/GMT's sign is POSIX's: Etc/GMT-8 is UTC+8.
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/*
 * 数据看板 against a real server: a scripted week — a lesson held with
 * hands, the floor, a pre-class check, a latency check and freezes, all
 * through real signalling; a paired lesson scheduled earlier today that
 * never went live; one still to come — and the dashboard's figures are
 * those. A school admin sees only the lessons her school is in; another
 * bureau's admin is refused the first bureau's schools and sees none of
 * its lessons.
 */
describe('the dashboard (数据看板)', () => {
  let server: ServerProcess;
  let held: ScheduledLesson;
  let missedId: string;
  let comingId: string;
  let admin: string;
  const clients: RawClient[] = [];
  let floorFrom = 0;
  let floorTo = 0;

  const joined = async (token: string, request: ClientRequest): Promise<RawClient> => {
    const client = await connectClient(server.url, token);
    clients.push(client);
    await client.ok(request);
    return client;
  };
  const dashboard = async (token: string, query = ''): Promise<Dashboard> => apiCall(server.url, `/dashboard${query}`, dashboardSchema, { token });

  beforeAll(async () => {
    const now = Date.now();
    server = await startServer({ env: { SCHOOL_TIME_ZONE: noonZone(now) } });
    admin = await adminToken(server);
    const teacher = await createTeacher(server);
    const teacherToken = (await signIn(server.url, teacher.login, teacher.password)).accessToken;
    const plan = (title: string, startsAt: number) => ({ title, hostClassroomId: 'chengguan-4-1', classroomIds: ['hewan-4-2'], startsAt, endsAt: startsAt + HOUR / 2 });
    missedId = (await apiCall(server.url, '/lessons', lessonSummarySchema, { token: teacherToken, body: plan('没上的课', now - HOUR) })).id;
    comingId = (await apiCall(server.url, '/lessons', lessonSummarySchema, { token: teacherToken, body: plan('待上的课', now + 5 * 60_000) })).id;

    held = await scheduleLesson({ title: '上过的课' }, server);
    const lessonId = held.lessonId;
    const tokenOf = (id: string): string => held.classrooms.find((c) => c.classroomId === id)!.token;
    // 课前检测 of 河湾: UDP blocked, TCP works — "limited".
    const check = await joined(tokenOf('hewan-4-2'), { type: 'startPrecheck', lessonId, classroomId: 'hewan-4-2' });
    const report: PrecheckReport = { camera: 'ok', microphone: 'ok', speaker: 'heard', udp: 'failed', tcp: 'ok', turn: 'notConfigured', uplinkKbps: 2400, rttMs: 4 };
    await check.ok({ type: 'submitPrecheck', report });

    const teacherClient = await joined(held.teacherToken, { type: 'joinLesson', lessonId, role: 'teacher' });
    const send = await teacherClient.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
    const { producerId: camera } = await teacherClient.ok<{ producerId: string }>({ type: 'produce', transportId: send.id, kind: 'video', source: 'teacher', rtpParameters: vp8RtpParameters(7001) as never });
    const classroomA = await connectClient(server.url, tokenOf('shanping-4'));
    clients.push(classroomA);
    const joinedA = await classroomA.ok<JoinedLesson>({ type: 'joinLesson', lessonId, role: 'classroom', classroomId: 'shanping-4' });
    await classroomA.ok({ type: 'declareCapabilities', rtpCapabilities: joinedA.routerRtpCapabilities });
    await classroomA.ok({ type: 'createTransport', direction: 'recv' });
    await classroomA.ok<ConsumerOptions>({ type: 'consume', producerId: camera });
    await joined(tokenOf('hewan-4-2'), { type: 'joinLesson', lessonId, role: 'classroom', classroomId: 'hewan-4-2' });

    await teacherClient.ok({ type: 'setLessonStatus', status: 'live' });
    await classroomA.ok({ type: 'raiseHand', studentName: '小红' });
    await pause(500);
    await teacherClient.ok({ type: 'grantFloor', participantId: A });
    floorFrom = Date.now();
    await pause(2000);
    await teacherClient.ok({ type: 'revokeFloor', participantId: A });
    floorTo = Date.now();

    // 延迟检测: classroom A's summary of the teacher's picture.
    const probe = await teacherClient.ok<LatencyProbe>({ type: 'startLatencyProbe', durationS: 3 });
    await classroomA.ok({ type: 'reportLatency', probeId: probe.probeId, measurements: [{ from: 'teacher', kind: 'video', count: 20, p50: 180, p95: 240, p99: 260 }] });
    // Freezes: 3, then 2 more, then a hostile count (capped); a report without new freezes writes nothing.
    const sample = (freezes: number): ReceiveSample => ({ producerId: camera, kind: 'video', rttMs: 10, lossPct: 0, kbps: 800, frameWidth: 640, frameHeight: 360, fps: 25, freezes, frozenPct: 0 });
    for (const freezes of [3, 5, 5, 900_000]) {
      await classroomA.ok({ type: 'reportQuality', samples: [sample(freezes)] });
      await pause(1100);
    }
    await teacherClient.ok({ type: 'setLessonStatus', status: 'ended' });
    // The last batch of quality facts (written every 1.5 s).
    await pause(2000);
  }, 90_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.stop();
  });

  it("counts this week's lessons by form and school, held against scheduled, and names the missed paired lesson", async () => {
    const board = await dashboard(admin);
    expect(board.days).toHaveLength(7);
    expect(board.days).toContain(board.today);
    const ids = board.lessons.map((l) => l.lessonId);
    expect(ids).toEqual(expect.arrayContaining([held.lessonId, missedId, comingId]));
    const synchronous = board.byForm.find((f) => f.form === 'synchronous')!;
    expect(synchronous.week).toEqual({ scheduled: 3, held: 1 });
    expect(synchronous.today).toEqual({ scheduled: 3, held: 1 });
    expect(board.byForm.find((f) => f.form === 'delivered')!.week).toEqual({ scheduled: 0, held: 0 });
    const school = (id: string) => board.bySchool.find((s) => s.schoolId === id)!;
    expect(school('chengguan').week).toEqual({ scheduled: 3, held: 1 });
    expect(school('hewan').week).toEqual({ scheduled: 3, held: 1 });
    expect(school('shanping').week).toEqual({ scheduled: 1, held: 1 });
    expect(board.lessons.filter((l) => l.missed).map((l) => l.lessonId)).toEqual([missedId]);
    expect(board.lessons.find((l) => l.lessonId === missedId)).toMatchObject({ title: '没上的课', held: false, schoolIds: ['chengguan', 'hewan'] });
  });

  it('sums participation per school from the lessons’ event logs', async () => {
    const board = await dashboard(admin);
    const of = (id: string) => board.participation.find((p) => p.schoolId === id)!;
    expect(of('shanping')).toMatchObject({ classroomsExpected: 1, classroomsPresent: 1, handsRaised: 1, handsAnswered: 1, lessonIds: [held.lessonId] });
    expect(Math.abs(of('shanping').floorMs - (floorTo - floorFrom))).toBeLessThan(1000);
    expect(of('hewan')).toMatchObject({ classroomsExpected: 1, classroomsPresent: 1, handsRaised: 0, floorMs: 0 });
    expect(of('chengguan')).toMatchObject({ classroomsExpected: 1, handsRaised: 0 });
  });

  it('counts the day’s check verdicts, its latency checks and the freezes of each lesson', async () => {
    const board = await dashboard(admin);
    const day = board.quality.find((q) => q.day === board.today)!;
    expect(day.prechecks).toEqual({ ready: 0, limited: 1, blocked: 0 });
    expect(day.latencyChecks).toBe(1);
    expect(day.videoLatencyMedianMs).toBe(180);
    expect(day.freezes).toEqual([{ lessonId: held.lessonId, count: 5 + MAX_FREEZES_PER_REPORT }]);
    expect(day.lessonIds).toEqual(expect.arrayContaining([held.lessonId, missedId, comingId]));
  });

  it('shows a school admin only the lessons her school is in, and only her school', async () => {
    const shanpingAdmin = await createPerson({ role: 'schoolAdmin', schoolId: 'shanping' }, server);
    const token = (await signIn(server.url, shanpingAdmin.login, shanpingAdmin.password)).accessToken;
    const board = await dashboard(token);
    expect(board.lessons.map((l) => l.lessonId)).toEqual([held.lessonId]);
    expect(board.schools.map((s) => s.schoolId)).toEqual(['shanping']);
    expect(board.participation.map((p) => p.schoolId)).toEqual(['shanping']);
    const other = await fetch(`${server.url}/api/dashboard?schoolId=hewan`, { headers: { authorization: `Bearer ${token}` } });
    expect(other.status).toBe(403);
  });

  it("refuses another bureau's admin the first bureau's schools and shows her none of its lessons", async () => {
    const { token } = await addBureau(server, 'other');
    const refused = await fetch(`${server.url}/api/dashboard?schoolId=chengguan`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(403);
    const board = await dashboard(token);
    expect(board.lessons).toEqual([]);
  });

  it('shows another week when asked, and refuses a week that is no date', async () => {
    const board = await dashboard(admin, '?week=2026-01-07');
    expect(board.weekStart).toBe('2026-01-05');
    expect(board.lessons).toEqual([]);
    const bad = await fetch(`${server.url}/api/dashboard?week=soon`, { headers: { authorization: `Bearer ${admin}` } });
    expect(bad.status).toBe(400);
  });
});
