import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Ack, type JoinedLesson, type TransportOptions } from '@shared';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { mediaCounts } from '../../testkit/health.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, opusRtpParameters, type RawClient } from './support/signallingClient.js';

/*
 * One classroom terminal's valid session, used as a hostile page would: a hundred
 * transports, a hundred consumes of one producer, two hundred concurrent
 * produces for one source and twenty parallel pre-class checks. Everything
 * beyond the caps is refused with LIMIT_REACHED, the worker's own dump shows
 * the caps held, and another lesson on the same worker carries on.
 */
describe('caps on what one link may create', () => {
  let server: ServerProcess;
  let teacher: RawClient;
  let abuser: RawClient;
  let bystander: RawClient;
  let teacherMic: string;
  let sendId: string;
  let lesson: Awaited<ReturnType<typeof scheduleLesson>>;
  const clients: RawClient[] = [];

  const media = (): ReturnType<typeof mediaCounts> => mediaCounts(server);
  const codes = (replies: Array<Ack<unknown>>): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const reply of replies) counts[reply.ok ? 'ok' : reply.error.code] = (counts[reply.ok ? 'ok' : reply.error.code] ?? 0) + 1;
    return counts;
  };
  // Each connection may send 200 requests at once, refilled at 50 a second.
  const refill = (): Promise<void> => new Promise((r) => setTimeout(r, 4200));
  const connect = async (token: string): Promise<RawClient> => {
    const client = await connectClient(server.url, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startServer({ env: { LESSON_MAX_PARTICIPANTS: '2' } });
    lesson = await scheduleLesson({}, server);
    const other = await scheduleLesson({}, server);
    teacher = await connect(lesson.teacherToken);
    await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    const send = await teacher.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
    ({ producerId: teacherMic } = await teacher.ok<{ producerId: string }>({
      type: 'produce', transportId: send.id, kind: 'audio', source: 'teacherMic', rtpParameters: opusRtpParameters(5001) as never,
    }));
    // Another lesson on the same worker, with its own transport and producer.
    bystander = await connect(other.teacherToken);
    await bystander.ok({ type: 'joinLesson', lessonId: other.lessonId, role: 'teacher' });
    const otherSend = await bystander.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
    await bystander.ok({ type: 'produce', transportId: otherSend.id, kind: 'audio', source: 'teacherMic', rtpParameters: opusRtpParameters(5002) as never });

    const { classroomId, token } = lesson.classrooms[0]!;
    abuser = await connect(token);
    const joined = await abuser.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId });
    await abuser.ok({ type: 'declareCapabilities', rtpCapabilities: joined.routerRtpCapabilities });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.stop();
  });

  it('a hundred transports at once: one per direction, the rest LIMIT_REACHED', async () => {
    const before = await media();
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => abuser.send({ type: 'createTransport', direction: i % 2 === 0 ? 'send' : 'recv' })),
    );
    expect(codes(replies)).toEqual({ ok: 2, [ErrorCode.LimitReached]: 98 });
    expect((await media()).transports).toBe(before.transports + 2);
    // The first request asked for a send transport, and the first of each direction wins its slot.
    sendId = (replies[0] as { data: TransportOptions }).data.id;
  });

  it('a hundred consumes of one producer: one consumer', async () => {
    await refill();
    const before = await media();
    const replies = await Promise.all(Array.from({ length: 100 }, () => abuser.send({ type: 'consume', producerId: teacherMic })));
    expect(codes(replies)).toEqual({ ok: 1, [ErrorCode.LimitReached]: 99 });
    expect((await media()).consumers).toBe(before.consumers + 1);
  });

  it('two hundred concurrent produces for one source: one producer, announced once', async () => {
    await refill();
    const before = await media();
    const announced: string[] = [];
    teacher.socket.on('notice', (notice: { type: string; track?: { participantId: string } }) => {
      if (notice.type === 'trackPublished' && notice.track?.participantId.startsWith('classroom:')) announced.push(notice.track.participantId);
    });
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        abuser.send({ type: 'produce', transportId: sendId, kind: 'audio', source: 'studentsMic', rtpParameters: opusRtpParameters(6000 + i) }),
      ),
    );
    expect(codes(replies)).toEqual({ ok: 1, [ErrorCode.LimitReached]: 199 });
    expect((await media()).producers).toBe(before.producers + 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(announced).toHaveLength(1);
  });

  it('twenty parallel pre-class checks of one classroom: one runs', async () => {
    const { classroomId, token } = lesson.classrooms[1]!;
    const checkers = await Promise.all(Array.from({ length: 20 }, () => connect(token)));
    const replies = await Promise.all(checkers.map((c) => c.send({ type: 'startPrecheck', lessonId: lesson.lessonId, classroomId })));
    expect(codes(replies)).toEqual({ ok: 1, [ErrorCode.LimitReached]: 19 });
    // The one that runs is capped too: six test transports (UDP, TCP, the relay's three ways, a retry).
    const runningAt = replies.findIndex((r) => r.ok);
    const running = checkers[runningAt]!;
    const before = await media();
    const transports = await Promise.all(Array.from({ length: 10 }, () => running.send({ type: 'createPrecheckTransport' })));
    expect(codes(transports)).toEqual({ ok: 6, [ErrorCode.LimitReached]: 4 });
    expect((await media()).transports).toBe(before.transports + 6);
    // When it ends (its page closes), the classroom may check again.
    running.close();
    await expect.poll(async () => (await media()).transports).toBe(before.transports);
    const again = await checkers[(runningAt + 1) % 20]!.send({ type: 'startPrecheck', lessonId: lesson.lessonId, classroomId });
    expect(again).toMatchObject({ ok: true });
  });

  it('beyond the caps the lesson is undisturbed, and so is the other lesson on the worker', async () => {
    expect(abuser.socket.connected).toBe(true);
    expect(await teacher.send({ type: 'setLessonStatus', status: 'live' })).toMatchObject({ ok: true });
    expect(await bystander.send({ type: 'setLessonStatus', status: 'live' })).toMatchObject({ ok: true });
    // The worker's own dump: teacher 1, bystander 1 and the abuser 2 transports; one microphone each; one consumer.
    expect(await media()).toEqual({ routers: 2, transports: 1 + 1 + 2, producers: 1 + 1 + 1, consumers: 1 });
    expect(server.child.exitCode).toBeNull();
  });

  it('a lesson refuses participants beyond its maximum; a link reopened still takes its place', async () => {
    // Teacher and one classroom are in; the server admits 2 a lesson.
    const { classroomId, token } = lesson.classrooms[1]!;
    const third = await connect(token);
    expect(await third.send({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.LessonFull },
    });
    const first = lesson.classrooms[0]!;
    const reopened = await connect(first.token);
    expect(await reopened.send({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId: first.classroomId })).toMatchObject({ ok: true });
    await expect.poll(() => abuser.socket.connected).toBe(false);
  });
});
