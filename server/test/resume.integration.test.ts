import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Ack, type JoinedLesson, type ResumedLesson, type ServerNotice, type TransportOptions } from '@shared';
import { lessonMedia, liveLesson, scheduleLesson, type ScheduledLesson } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { clientPool, opusRtpParameters, type RawClient } from './support/signallingClient.js';

/*
 * 断网续传 at the signalling level: a classroom whose connection drops keeps
 * its place for the grace period (the others see it as reconnecting, not
 * gone), takes it back on a new connection with its token — the same
 * transports and producer, hand and floor — and without the token, or after
 * the grace period, gets RESUME_EXPIRED and changes nothing.
 */
describe('a dropped connection keeps its place for the grace period', () => {
  const GRACE_MS = 3000;
  let server: ServerProcess;
  const pool = clientPool(() => server.url);
  const connect = pool.connect;
  const noticesOf = (client: RawClient): ServerNotice[] => {
    const notices: ServerNotice[] = [];
    client.socket.on('notice', (notice: ServerNotice) => notices.push(notice));
    return notices;
  };
  const until = async (what: () => boolean | Promise<boolean>, ms = 5000): Promise<void> => {
    for (const deadline = Date.now() + ms; !(await what()); ) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  /** A lesson with its teacher and one classroom that publishes its microphone and raises its hand. */
  const lessonWithClassroom = async () => {
    const lesson: ScheduledLesson = await scheduleLesson({}, server);
    const { lessonId } = lesson;
    const teacher = await connect(lesson.teacherToken);
    const atTeacher = noticesOf(teacher);
    await teacher.ok({ type: 'joinLesson', lessonId, role: 'teacher' });
    // The classroom's terminal: its page connects with this token again when it comes back.
    const { classroomId, token } = lesson.classrooms[0]!;
    const classroom = await connect(token);
    const joined = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId, role: 'classroom', classroomId });
    await classroom.ok({ type: 'declareCapabilities', rtpCapabilities: joined.routerRtpCapabilities });
    const send = await classroom.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
    const recv = await classroom.ok<TransportOptions>({ type: 'createTransport', direction: 'recv' });
    const { producerId } = await classroom.ok<{ producerId: string }>({
      type: 'produce', transportId: send.id, kind: 'audio', source: 'studentsMic', rtpParameters: opusRtpParameters(4242) as never,
    });
    // Granting the floor answers a raised hand, so the hand is raised after it (for its next question).
    await teacher.ok({ type: 'grantFloor', participantId: joined.self.id });
    await classroom.ok({ type: 'raiseHand' });
    return { lesson, lessonId, token, teacher, atTeacher, classroom, joined, transports: [send.id, recv.id], producerId };
  };

  beforeAll(async () => {
    server = await startServer({ env: { RESUME_GRACE_MS: String(GRACE_MS) } });
  });

  afterAll(async () => {
    pool.closeAll();
    await server?.stop();
  });

  it('takes the place back with its media, hand and floor; the others saw it reconnecting, never leaving', async () => {
    const { lessonId, token, teacher, atTeacher, classroom, joined, transports, producerId } = await lessonWithClassroom();
    classroom.drop();
    await until(() => atTeacher.some((n) => n.type === 'participantConnection' && n.reconnecting));
    // Still in the lesson, in Redis and in the worker, while it is away.
    expect((await liveLesson(lessonId, server)).participants.map((p) => p.id)).toContain(joined.self.id);

    const back = await connect(token);
    const resumed = await back.ok<ResumedLesson>({ type: 'resumeLesson', lessonId, participantId: joined.self.id, token: joined.resumeToken, transports });
    expect(resumed.self.id).toBe(joined.self.id);
    expect(resumed.keptTransports.sort()).toEqual([...transports].sort());
    expect(resumed.interaction.hands.map((h) => h.participantId)).toEqual([joined.self.id]);
    expect(resumed.interaction.floor.holders).toContain(joined.self.id);
    expect(resumed.reconnecting).toEqual([]);
    await until(() => atTeacher.some((n) => n.type === 'participantConnection' && !n.reconnecting));
    expect(atTeacher.filter((n) => n.type === 'participantLeft' || n.type === 'trackClosed')).toEqual([]);

    // The kept producer is still its own: it can mute it on the new connection.
    await back.ok({ type: 'setProducerPaused', producerId, paused: true });
    // And the place outlives the grace period now that it is back.
    await new Promise((r) => setTimeout(r, GRACE_MS + 500));
    expect((await liveLesson(lessonId, server)).participants.map((p) => p.id)).toContain(joined.self.id);
    expect(atTeacher.filter((n) => n.type === 'participantLeft')).toEqual([]);
    await teacher.ok({ type: 'lowerAllHands' });
  });

  it('refuses a wrong token, or the right token from someone else, with RESUME_EXPIRED and leaves the place as it was', async () => {
    const { lesson, lessonId, token, classroom, joined, transports } = await lessonWithClassroom();
    classroom.drop();
    // Signed in, but not the page that held the place: the other classroom's terminal, guessing its token.
    const stranger = await connect(lesson.classrooms[1]!.token);
    const reply = (await stranger.send({
      type: 'resumeLesson', lessonId, participantId: joined.self.id, token: 'A'.repeat(joined.resumeToken.length), transports: [],
    })) as Ack<unknown>;
    expect(reply.ok ? null : reply.error.code).toBe(ErrorCode.ResumeExpired);
    // Even with the right token (leaked, copied) the place is not the stranger's: only who joined it takes it back.
    const leaked = (await stranger.send({
      type: 'resumeLesson', lessonId, participantId: joined.self.id, token: joined.resumeToken, transports: [],
    })) as Ack<unknown>;
    expect(leaked.ok ? null : leaked.error.code).toBe(ErrorCode.ResumeExpired);
    // The stranger holds nothing; the owner still can come back.
    expect((await stranger.send({ type: 'raiseHand' })) as Ack<unknown>).toMatchObject({ ok: false, error: { code: ErrorCode.NotJoined } });
    const owner = await connect(token);
    const resumed = await owner.ok<ResumedLesson>({ type: 'resumeLesson', lessonId, participantId: joined.self.id, token: joined.resumeToken, transports });
    expect(resumed.keptTransports.sort()).toEqual([...transports].sort());
  });

  it('after the grace period the place is gone: the others are told it left, its media is closed, a resume is refused', async () => {
    const { lessonId, token, atTeacher, classroom, joined } = await lessonWithClassroom();
    classroom.drop();
    await until(() => atTeacher.some((n) => n.type === 'participantLeft' && n.participantId === joined.self.id), GRACE_MS + 5000);
    expect((await liveLesson(lessonId, server)).participants.map((p) => p.id)).toEqual(['teacher']);
    expect((await lessonMedia(lessonId, server))?.receivers.map((r) => r.participantId)).toEqual(['teacher']);
    const late = await connect(token);
    const reply = (await late.send({ type: 'resumeLesson', lessonId, participantId: joined.self.id, token: joined.resumeToken, transports: [] })) as Ack<unknown>;
    expect(reply.ok ? null : reply.error.code).toBe(ErrorCode.ResumeExpired);
  });

  it('a page that resumes before the server saw its old connection drop takes over from it', async () => {
    const { lessonId, token, atTeacher, classroom, joined, transports } = await lessonWithClassroom();
    const closed = new Promise<void>((done) => classroom.socket.once('disconnect', () => done()));
    const back = await connect(token);
    await back.ok({ type: 'resumeLesson', lessonId, participantId: joined.self.id, token: joined.resumeToken, transports });
    await closed;
    await back.ok({ type: 'lowerHand' });
    await new Promise((r) => setTimeout(r, 500));
    expect(atTeacher.filter((n) => n.type === 'participantLeft' || (n.type === 'participantConnection' && n.reconnecting))).toEqual([]);
  });

  it('a page that no longer holds its transports starts its media afresh: the orphans are closed and announced, the slots free', async () => {
    const { lessonId, token, atTeacher, classroom, joined, producerId } = await lessonWithClassroom();
    classroom.drop();
    const back = await connect(token);
    // The page lost its media set-up half-way (two media restarts in a row): it holds no transport.
    const resumed = await back.ok<ResumedLesson>({ type: 'resumeLesson', lessonId, participantId: joined.self.id, token: joined.resumeToken, transports: [] });
    expect(resumed.keptTransports).toEqual([]);
    await until(() => atTeacher.some((n) => n.type === 'trackClosed' && n.producerId === producerId));
    expect(resumed.tracks.map((t) => t.producerId)).not.toContain(producerId);
    // Without that, these would be LIMIT_REACHED forever ("you already have a recv transport").
    await back.ok({ type: 'createTransport', direction: 'recv' });
    await back.ok({ type: 'createTransport', direction: 'send' });
  });
});
