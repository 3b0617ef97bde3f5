import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Ack, type JoinedLesson, type Participant, type ServerNotice, type TransportOptions } from '@shared';
import { lessonMedia, liveLesson, scheduleLesson, type ScheduledLesson } from '../../testkit/adminApi.js';
import { mediaCounts } from '../../testkit/health.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { clientPool, opusRtpParameters, type RawClient } from './support/signallingClient.js';

/*
 * Joins and leaves racing each other: a page that closes at every moment of
 * its join, two tabs of one classroom opened at once, a leave and a join of the
 * same classroom interleaved. After the dust settles (5 s) nothing is left behind
 * in memory, Redis or the worker, and the newer tab is the one in the lesson.
 */
describe('races in join and leave', () => {
  let server: ServerProcess;
  const pool = clientPool(() => server.url);
  const connect = pool.connect;
  /** Who Redis says is in the lesson. */
  const inRedis = async (lessonId: string): Promise<Participant[]> => (await liveLesson(lessonId, server)).participants;
  /** Who this server's memory holds in the lesson (none when the lesson is not open). */
  const inMemory = async (lessonId: string): Promise<string[]> => (await lessonMedia(lessonId, server))?.receivers.map((r) => r.participantId) ?? [];
  const media = (): ReturnType<typeof mediaCounts> => mediaCounts(server);
  /** A new lesson with its teacher in it, and the teacher's connection. */
  const lessonWithTeacher = async (): Promise<{ lesson: ScheduledLesson; lessonId: string; teacher: RawClient }> => {
    const lesson = await scheduleLesson({}, server);
    const { lessonId } = lesson;
    const teacher = await connect(lesson.teacherToken);
    await teacher.ok({ type: 'joinLesson', lessonId, role: 'teacher' });
    return { lesson, lessonId, teacher };
  };
  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 5000));

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    pool.closeAll();
    await server?.stop();
  });

  it('a page that closes at any moment of its join leaves no ghost in memory, Redis or the worker', async () => {
    const before = await media();
    const delaysMs = [0, 0, 1, 2, 3, 5, 8, 12, 20, 30, 50, 80];
    const closedLessons: string[] = [];
    for (const delay of delaysMs) {
      // A fresh lesson each time, so the join also opens the lesson (router, Redis reads) while the page goes.
      const lesson = await scheduleLesson({}, server);
      closedLessons.push(lesson.lessonId);
      const { classroomId, token } = lesson.classrooms[0]!;
      const page = await connect(token);
      void page.send({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId }).catch(() => undefined);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      page.close();
    }
    // And one that closes while setting up its media in a lesson that stays open (the teacher is in it).
    const { lesson: open, lessonId: openId, teacher } = await lessonWithTeacher();
    const teacherSend = await teacher.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
    const { producerId } = await teacher.ok<{ producerId: string }>({
      type: 'produce', transportId: teacherSend.id, kind: 'audio', source: 'teacherMic', rtpParameters: opusRtpParameters(7001) as never,
    });
    for (const delay of [0, 1, 3, 6, 10, 20]) {
      const { classroomId, token } = open.classrooms[0]!;
      const page = await connect(token);
      const joined = await page.ok<JoinedLesson>({ type: 'joinLesson', lessonId: openId, role: 'classroom', classroomId });
      await page.ok({ type: 'declareCapabilities', rtpCapabilities: joined.routerRtpCapabilities });
      await page.ok({ type: 'createTransport', direction: 'recv' });
      const pending: Array<Promise<unknown>> = [
        page.send({ type: 'createTransport', direction: 'send' }),
        page.send({ type: 'consume', producerId }),
      ];
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      page.close();
      await Promise.allSettled(pending);
    }
    await settle();
    for (const lessonId of closedLessons) {
      expect(await inRedis(lessonId)).toEqual([]);
      expect(await inMemory(lessonId)).toEqual([]);
    }
    expect((await inRedis(openId)).map((p) => p.id)).toEqual(['teacher']);
    expect(await inMemory(openId)).toEqual(['teacher']);
    // The worker holds exactly the teacher's lesson: one router, her transport and microphone, nothing else.
    expect(await media()).toEqual({ routers: before.routers + 1, transports: before.transports + 1, producers: before.producers + 1, consumers: 0 });
    teacher.close();
  });

  it('two tabs of one link opened at once: the newer one is in the lesson, the older one is told why it stopped', async () => {
    const { lesson, lessonId, teacher } = await lessonWithTeacher();
    const { classroomId, token } = lesson.classrooms[0]!;
    for (const gapMs of [1, 1, 2, 2, 5, 5, 10, 10]) {
      // Two tabs of one terminal: the same session on two connections.
      const [older, newer] = [await connect(token), await connect(token)];
      const told: ServerNotice[] = [];
      older.socket.on('notice', (notice: ServerNotice) => told.push(notice));
      const olderClosed = new Promise<void>((done) => older.socket.once('disconnect', () => done()));
      const join = { type: 'joinLesson', lessonId, role: 'classroom', classroomId } as const;
      // The newer tab's join arrives while the older one's is still under way (lesson lookup, Redis).
      const olderReplying = older.send(join).catch((error: Error) => ({ ok: false, error: { code: 'DISCONNECTED', message: error.message } }) as const);
      await new Promise((r) => setTimeout(r, gapMs));
      const [olderReply, newerReply] = await Promise.all([olderReplying, newer.send(join)]);
      expect(newerReply).toMatchObject({ ok: true });
      const self = (newerReply as { data: JoinedLesson }).data.self;
      if (olderReply.ok) {
        // It joined first and was then replaced: told so, and dropped.
        await olderClosed;
        expect(told.map((n) => n.type)).toContain('replaced');
      } else {
        // Refused because the newer one holds the place, or dropped with the reason before its reply arrived.
        expect([ErrorCode.Replaced, 'DISCONNECTED']).toContain(olderReply.error.code);
        if (olderReply.error.code === 'DISCONNECTED') expect(told.map((n) => n.type)).toContain('replaced');
      }
      expect(await newer.send({ type: 'createTransport', direction: 'recv' })).toMatchObject({ ok: true });
      expect((await inRedis(lessonId)).find((p) => p.id === self.id)?.joinedAt).toBe(self.joinedAt);
      newer.close();
      older.close();
      await expect.poll(async () => (await inRedis(lessonId)).map((p) => p.id)).toEqual(['teacher']);
    }
    teacher.close();
  });

  it('a leave and a join of the same link interleaved: the later join holds the place in memory and in Redis', async () => {
    const { lesson, lessonId } = await lessonWithTeacher();
    const { classroomId, token } = lesson.classrooms[1]!;
    const join = { type: 'joinLesson', lessonId, role: 'classroom', classroomId } as const;
    let holder: { client: RawClient; self: Participant } | null = null;
    for (let round = 0; round < 8; round++) {
      let current = holder;
      if (!current) {
        const client = await connect(token);
        current = { client, self: (await client.ok<JoinedLesson>(join)).self };
      }
      const next = await connect(token);
      // The old page leaves (and, every other round, also closes) while the new one joins.
      const replies: Array<Promise<Ack<unknown> | null>> = [current.client.send({ type: 'leaveLesson' }).catch(() => null), next.send(join)];
      if (round % 2 === 1) current.client.close();
      const [, joined] = await Promise.all(replies);
      expect(joined).toMatchObject({ ok: true });
      holder = { client: next, self: (joined as { data: JoinedLesson }).data.self };
      // The same connection leaving and joining at once ends joined: its requests run in order.
      if (round === 7) {
        const [, rejoined] = await Promise.all([next.send({ type: 'leaveLesson' }), next.send(join)]);
        expect(rejoined).toMatchObject({ ok: true });
        holder = { client: next, self: (rejoined as { data: JoinedLesson }).data.self };
      }
    }
    await settle();
    const participantId = `classroom:${classroomId}`;
    expect(await inMemory(lessonId)).toEqual(expect.arrayContaining(['teacher', participantId]));
    expect((await inMemory(lessonId)).length).toBe(2);
    expect((await inRedis(lessonId)).find((p) => p.id === participantId)?.joinedAt).toBe(holder!.self.joinedAt);
    expect(await holder!.client.send({ type: 'createTransport', direction: 'recv' })).toMatchObject({ ok: true });
  });

  it('two pages joining at the same moment each end up seeing the other: no notice overtakes a join reply', async () => {
    for (let round = 0; round < 20; round++) {
      const lesson = await scheduleLesson({}, server);
      const { classroomId, token } = lesson.classrooms[round % 2]!;
      const [teacherPage, classroomPage] = [await connect(lesson.teacherToken), await connect(token)];
      /**
       * What the page knows: the join reply's participants, then the notices that came after it — applied
       * the moment each packet is read (a plain acknowledgement callback), as a browser applies them.
       */
      const known = (client: RawClient, join: Record<string, unknown>): Promise<Set<string>> =>
        new Promise((done, fail) => {
          const seen = new Set<string>();
          let replied = false;
          client.socket.on('notice', (notice: ServerNotice) => {
            if (!replied) return; // a page applies notices to the snapshot it got; earlier ones are overwritten by it
            if (notice.type === 'participantJoined') seen.add(notice.participant.id);
            if (notice.type === 'participantLeft') seen.delete(notice.participantId);
          });
          client.socket.emit('request', join, (reply: Ack<JoinedLesson>) => {
            if (!reply.ok) return fail(new Error(reply.error.message));
            replied = true;
            for (const p of reply.data.participants) seen.add(p.id);
            done(seen);
          });
        });
      const [atTeacher, atClassroom] = await Promise.all([
        known(teacherPage, { type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' }),
        known(classroomPage, { type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId }),
      ]);
      await new Promise((r) => setTimeout(r, 200));
      expect([...atTeacher].sort()).toEqual([`classroom:${classroomId}`, 'teacher']);
      expect([...atClassroom].sort()).toEqual([`classroom:${classroomId}`, 'teacher']);
      teacherPage.close();
      classroomPage.close();
    }
  });
});
