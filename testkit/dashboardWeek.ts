import { lessonSummarySchema, type ClientRequest, type ConsumerOptions, type JoinedLesson, type LatencyProbe, type PrecheckReport, type ReceiveSample, type TransportOptions } from '../shared/src/index.js';
import { connectClient, vp8RtpParameters, type RawClient } from '../server/test/support/signallingClient.js';
import { apiCall, createTeacher, scheduleLesson, signIn, type ScheduledLesson } from './adminApi.js';
import type { ServerProcess } from './serverProcess.js';

const HOUR = 3_600_000;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A school time zone (SCHOOL_TIME_ZONE) in which it is about noon at `now`: "earlier today" and "later today" stay today, and this week. */
export function noonZone(now: number): string {
  const offset = 12 - new Date(now).getUTCHours();
  // Etc/GMT's sign is POSIX's: Etc/GMT-8 is UTC+8.
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** What the scripted day made, for a test to compare the dashboard with. */
export interface DashboardWeek {
  held: ScheduledLesson;
  missedId: string;
  comingId: string;
  /** When classroom A (shanping-4) held the floor, as the script saw it acknowledged. */
  floorFrom: number;
  floorTo: number;
}

/**
 * 数据看板's day, scripted through the API and real signalling (no page): a
 * paired lesson an hour ago that never went live (没上的课), one in five
 * minutes (待上的课), and a lesson held now (上过的课) in which 河湾 runs its
 * pre-class check (UDP blocked: limited), 山坪 raises a hand and holds the
 * floor for two seconds, reports a latency check (video p50 180 ms) and
 * freezes of the teacher's picture: 3, 5, 5, then a hostile 900 000.
 * Serve it with SCHOOL_TIME_ZONE = noonZone(now).
 */
export async function scriptDashboardWeek(server: ServerProcess, now = Date.now()): Promise<DashboardWeek> {
  const clients: RawClient[] = [];
  const joined = async (token: string, request: ClientRequest): Promise<RawClient> => {
    const client = await connectClient(server.url, token);
    clients.push(client);
    await client.ok(request);
    return client;
  };
  try {
    const teacher = await createTeacher(server);
    const teacherToken = (await signIn(server.url, teacher.login, teacher.password)).accessToken;
    const plan = (title: string, startsAt: number) => ({ title, hostClassroomId: 'chengguan-4-1', classroomIds: ['hewan-4-2'], startsAt, endsAt: startsAt + HOUR / 2 });
    const missedId = (await apiCall(server.url, '/lessons', lessonSummarySchema, { token: teacherToken, body: plan('没上的课', now - HOUR) })).id;
    const comingId = (await apiCall(server.url, '/lessons', lessonSummarySchema, { token: teacherToken, body: plan('待上的课', now + 5 * 60_000) })).id;

    const held = await scheduleLesson({ title: '上过的课' }, server);
    const lessonId = held.lessonId;
    const tokenOf = (id: string): string => held.classrooms.find((c) => c.classroomId === id)!.token;
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
    await teacherClient.ok({ type: 'grantFloor', participantId: 'classroom:shanping-4' });
    const floorFrom = Date.now();
    await pause(2000);
    await teacherClient.ok({ type: 'revokeFloor', participantId: 'classroom:shanping-4' });
    const floorTo = Date.now();

    const probe = await teacherClient.ok<LatencyProbe>({ type: 'startLatencyProbe', durationS: 3 });
    await classroomA.ok({ type: 'reportLatency', probeId: probe.probeId, measurements: [{ from: 'teacher', kind: 'video', count: 20, p50: 180, p95: 240, p99: 260 }] });
    const sample = (freezes: number): ReceiveSample => ({ producerId: camera, kind: 'video', rttMs: 10, lossPct: 0, kbps: 800, frameWidth: 640, frameHeight: 360, fps: 25, freezes, frozenPct: 0 });
    for (const freezes of [3, 5, 5, 900_000]) {
      await classroomA.ok({ type: 'reportQuality', samples: [sample(freezes)] });
      await pause(1100);
    }
    await teacherClient.ok({ type: 'setLessonStatus', status: 'ended' });
    // The last batch of quality facts (written every 1.5 s).
    await pause(2000);
    return { held, missedId, comingId, floorFrom, floorTo };
  } finally {
    for (const client of clients) client.close();
  }
}
