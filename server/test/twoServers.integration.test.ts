import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, FloorState, JoinedLesson, LatencyProbe, RaisedHand } from '@shared';
import { freeLoopbackPort } from '../src/redis/freePort.js';
import { scheduleLesson, type ScheduledLesson } from '../../testkit/adminApi.js';
import { externalRedis, type ExternalRedis } from '../../testkit/externalRedis.js';
import { sendFromFfmpeg, type FfmpegSender } from '../../testkit/light/ffmpegSender.js';
import { receiveLight, type ReceivedBytes } from '../../testkit/light/lightParticipant.js';
import type { MediasoupLink } from '../../testkit/light/mediasoupLink.js';
import { createTestDatabase, startPostgresCluster, type PostgresCluster } from '../../testkit/postgres.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, type RawClient } from './support/signallingClient.js';
import { eventually } from './support/until.js';

/*
 * Test 1 of issue 18: one lesson across two server processes sharing one
 * Redis and one PostgreSQL. The teacher's page is on the first server, a
 * classroom's on the second; each sends a camera and a microphone (ffmpeg),
 * each receives the other's through a pipe between the two servers'
 * mediasoup workers. The classroom's microphone stays silent at the teacher
 * until she gives it the floor (the second server applies the floor the
 * first one stored); the classroom's hand and the chat cross too.
 */
describe('one lesson on two servers', () => {
  let redis: ExternalRedis;
  let cluster: PostgresCluster | null = null;
  let first: ServerProcess;
  let second: ServerProcess;
  let lesson: ScheduledLesson;
  let teacher: RawClient;
  let classroom: RawClient;
  let teacherJoined: JoinedLesson;
  let classroomJoined: JoinedLesson;
  const senders: FfmpegSender[] = [];
  const links: MediasoupLink[] = [];
  const classroomId = 'shanping-4';

  beforeAll(async () => {
    redis = await externalRedis(await freeLoopbackPort(), mkdtempSync(join(tmpdir(), 'tongtang-redis-')));
    const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? (cluster = await startPostgresCluster()).adminUrl;
    const shared = { REDIS_URL: redis.url, DATABASE_URL: await createTestDatabase(adminUrl), AUTH_SECRET: 'two-servers-share-this-signing-secret-0123456789' };
    first = await startServer({ env: { ...shared, SERVER_ID: 'first' } });
    second = await startServer({ env: { ...shared, SERVER_ID: 'second' } });
    lesson = await scheduleLesson({ classroomIds: [classroomId] }, first);
    teacher = await connectClient(first.url, lesson.teacherToken);
    teacherJoined = await teacher.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    senders.push(await sendFromFfmpeg(teacher.ok, { camera: 'teacher', toneHz: 440, firstSsrc: 7100 }));
  }, 90_000);

  afterAll(async () => {
    for (const sender of senders) await sender.stop();
    for (const link of links) link.close();
    teacher?.close();
    classroom?.close();
    await first?.stop();
    await second?.stop();
    await redis?.shutdown();
    await cluster?.stop();
  });

  const flowing = async (what: string, bytes: ReceivedBytes): Promise<void> => {
    const before = bytes.total;
    await eventually(what, async () => bytes.total > before + 2000, 15_000);
  };

  it('a classroom joining the second server finds the teacher and her tracks, and receives them through the pipe', async () => {
    classroom = await connectClient(second.url, lesson.classrooms[0]!.token);
    classroomJoined = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId });
    expect(classroomJoined.participants.map((p) => p.id)).toEqual(['teacher', `classroom:${classroomId}`]);
    const [sender] = senders;
    expect(classroomJoined.tracks.map((t) => t.producerId).sort()).toEqual([sender!.cameraId, sender!.microphoneId].sort());
    // The teacher, on the other server, is told the classroom came.
    await teacher.notice('participantJoined');

    const { link, received } = await receiveLight(classroom.ok, classroomJoined, [sender!.cameraId, sender!.microphoneId]);
    links.push(link);
    await flowing('the teacher’s picture reaches the classroom', received.get(sender!.cameraId)!);
    await flowing('the teacher’s voice reaches the classroom', received.get(sender!.microphoneId)!);
  }, 60_000);

  it('the teacher receives the classroom’s camera at once, and its microphone once she gives it the floor', async () => {
    const published = teacher.notices.length;
    const classSender = await sendFromFfmpeg(classroom.ok, { camera: 'students', toneHz: 880, firstSsrc: 7200 });
    senders.push(classSender);
    await eventually('the teacher is told of both tracks', async () => teacher.notices.slice(published).filter((n) => n.type === 'trackPublished').length >= 2, 10_000);

    const { link, received } = await receiveLight(teacher.ok, teacherJoined, [classSender.cameraId, classSender.microphoneId]);
    links.push(link);
    await flowing('the classroom’s picture reaches the teacher', received.get(classSender.cameraId)!);
    // A classroom's microphone is closed until the floor: nothing of it reaches the teacher.
    const heard = received.get(classSender.microphoneId)!;
    await new Promise((r) => setTimeout(r, 2000));
    expect(heard.total).toBe(0);

    const floorAt = classroom.notices.length;
    const floor = await teacher.ok<FloorState>({ type: 'grantFloor', participantId: `classroom:${classroomId}` });
    expect(floor.holders).toContain(`classroom:${classroomId}`);
    // The classroom's server applies the floor the teacher's stored, and its page is told.
    expect((await classroom.notice('floorChanged', floorAt)).floor.holders).toContain(`classroom:${classroomId}`);
    await flowing('the classroom is heard at the teacher once it has the floor', heard);
  }, 60_000);

  it('a hand raised on the second server is in the teacher’s queue; chat crosses both ways', async () => {
    const handsAt = teacher.notices.length;
    await classroom.ok({ type: 'raiseHand', studentName: '小明' });
    const hands = await eventually('the teacher sees the hand', async () => {
      const notice = teacher.notices.slice(handsAt).find((n) => n.type === 'handsChanged');
      return notice?.type === 'handsChanged' && notice.hands.length > 0 ? notice.hands : null;
    }, 10_000);
    expect(hands.map((h: RaisedHand) => [h.participantId, h.studentName])).toEqual([[`classroom:${classroomId}`, '小明']]);

    const chatAt = { teacher: teacher.notices.length, classroom: classroom.notices.length };
    await classroom.ok({ type: 'sendChat', text: '老师好' });
    await teacher.ok({ type: 'sendChat', text: '同学们好' });
    const texts = async (client: RawClient, from: number): Promise<string[]> =>
      client.notices.slice(from).flatMap((n) => (n.type === 'chatMessage' ? [(n.message as ChatMessage).text] : []));
    await eventually('the teacher reads the classroom', async () => (await texts(teacher, chatAt.teacher)).includes('老师好'), 10_000);
    await eventually('the classroom reads the teacher', async () => (await texts(classroom, chatAt.classroom)).includes('同学们好'), 10_000);
  }, 30_000);

  it('the classroom’s screen shows what the teacher directs on the other server', async () => {
    const at = { teacher: teacher.notices.length, classroom: classroom.notices.length };
    await teacher.ok({ type: 'setDirecting', choice: 'floor' });
    const floorHolder = { participantId: `classroom:${classroomId}`, source: 'students' };
    // Her server resolves the stage with the classroom's camera, which is the other server's track.
    const stage = (await teacher.notice('stageChanged', at.teacher)).stage;
    expect(stage).toMatchObject({ layout: 'single', main: floorHolder, directing: { choice: 'floor' } });
    const shown = await classroom.notice('stageChanged', at.classroom);
    expect(shown.stage).toEqual(stage);
    await teacher.ok({ type: 'setDirecting', choice: 'grid' });
    await eventually('the classroom shows the grid', async () => classroom.notices.slice(at.classroom).some((n) => n.type === 'stageChanged' && n.stage.layout === 'grid'), 10_000);
    // Its own server never put a stage of its own in between.
    const stages = classroom.notices.slice(at.classroom).flatMap((n) => (n.type === 'stageChanged' ? [n.stage.directing.choice] : []));
    expect(stages).toEqual(['floor', 'grid']);
    await teacher.ok({ type: 'setDirecting', choice: 'auto' });
  }, 30_000);

  it('the teacher’s latency check opens the microphone on the other server for its window, and the classroom’s report reaches her', async () => {
    const participantId = `classroom:${classroomId}`;
    const [, classSender] = senders;
    const paused = (): boolean | undefined =>
      teacher.notices.filter((n) => n.type === 'trackPaused' && n.producerId === classSender!.microphoneId).map((n) => (n as { paused: boolean }).paused).at(-1);
    await teacher.ok({ type: 'revokeFloor', participantId });
    await eventually('the classroom’s microphone closes', async () => paused() === true, 10_000);
    const probe = await teacher.ok<LatencyProbe>({ type: 'startLatencyProbe', durationS: 3 });
    // Its server opens the microphone for the check (the floor did not change), and the teacher is told.
    await classroom.notice('latencyProbe');
    await eventually('the microphone opens for the check', async () => paused() === false, 10_000);
    const measurements = [{ from: 'teacher', kind: 'video' as const, count: 30, p50: 120, p95: 180, p99: 200 }];
    await classroom.ok({ type: 'reportLatency', probeId: probe.probeId, measurements });
    const report = await teacher.notice('latencyReport');
    expect(report).toMatchObject({ probeId: probe.probeId, reporterId: participantId, measurements });
    // After the window the floor's rule closes it again, on the classroom's server.
    await eventually('closed again after the window', async () => paused() === true, 15_000);
  }, 40_000);

  it('the classroom leaving the second server leaves the teacher’s list, and its tracks with it', async () => {
    const at = teacher.notices.length;
    classroom.close();
    await eventually('the teacher is told', async () => teacher.notices.slice(at).some((n) => n.type === 'participantLeft'), 15_000);
    expect(teacher.notices.slice(at).filter((n) => n.type === 'trackClosed')).toHaveLength(2);
  }, 30_000);

  it('test 2: the second server killed mid-lesson, its classroom is back through the first within 10 s, the lesson as it was', async () => {
    classroom = await connectClient(second.url, lesson.classrooms[0]!.token);
    classroomJoined = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId });
    const before = await sendFromFfmpeg(classroom.ok, { camera: 'students', toneHz: 660, firstSsrc: 7300 });
    senders.push(before);
    await teacher.ok({ type: 'grantFloor', participantId: `classroom:${classroomId}` });
    await classroom.ok({ type: 'raiseHand', studentName: '小红' });
    await classroom.ok({ type: 'sendChat', text: '我们准备好了' });

    const at = teacher.notices.length;
    process.kill(second.serverPid(), 'SIGKILL');
    const killedAt = Date.now();
    await before.stop();
    // Its page reconnects, as the school's address now leads to the first server, and joins again.
    classroom.close();
    classroom = await eventually('the classroom reconnects', async () => connectClient(first.url, lesson.classrooms[0]!.token).catch(() => null), 10_000);
    const connectedMs = Date.now() - killedAt;
    const back = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId });
    const joinedMs = Date.now() - killedAt;
    const [teacherSender] = senders;
    const { link, received } = await receiveLight(classroom.ok, back, [teacherSender!.cameraId]);
    links.push(link);
    const linkedMs = Date.now() - killedAt;
    await flowing('the teacher’s picture reaches the classroom again', received.get(teacherSender!.cameraId)!);
    const backMs = Date.now() - killedAt;
    console.log(`[two servers] the killed server's classroom: connected to the other ${connectedMs} ms after the kill, joined at ${joinedMs} ms, its light WebRTC link up at ${linkedMs} ms, receives the teacher at ${backMs} ms`);
    expect(backMs).toBeLessThanOrEqual(10_000);

    // The lesson as it was: the floor it held, its hand, the chat, the status.
    expect(back.interaction.floor.holders).toContain(`classroom:${classroomId}`);
    expect(back.interaction.hands.map((h) => h.studentName)).toContain('小红');
    expect(back.interaction.chat.history.map((m) => m.text)).toEqual(expect.arrayContaining(['老师好', '同学们好', '我们准备好了']));
    expect(back.lesson.status).toBe(teacherJoined.lesson.status);
    expect(back.participants.map((p) => p.id)).toEqual(['teacher', `classroom:${classroomId}`]);

    // The teacher: the tracks of the dead server closed; once her server notices it gone, the classroom is still in her list.
    const camera = await sendFromFfmpeg(classroom.ok, { camera: 'students', toneHz: 770, firstSsrc: 7400 });
    senders.push(camera);
    await eventually('the first server notices the second gone', async () => first.output().includes('"server":"second"') && /a server left/.test(first.output()), 12_000);
    await new Promise((r) => setTimeout(r, 500));
    const since = teacher.notices.slice(at);
    expect(since.filter((n) => n.type === 'trackClosed').map((n) => n.type === 'trackClosed' && n.producerId)).toEqual(expect.arrayContaining([before.cameraId, before.microphoneId]));
    expect(since.some((n) => n.type === 'participantLeft' && n.participantId === `classroom:${classroomId}`)).toBe(false);
    // Her page consumes its new camera on the receive transport it has (a page does so when told of it).
    expect(since.some((n) => n.type === 'trackPublished' && n.track.producerId === camera.cameraId)).toBe(true);
    const consumer = await teacher.ok<{ participantId: string; source: string }>({ type: 'consume', producerId: camera.cameraId });
    expect(consumer).toMatchObject({ participantId: `classroom:${classroomId}`, source: 'students' });
  }, 90_000);
});
