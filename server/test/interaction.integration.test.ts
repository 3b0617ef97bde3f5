import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type FloorState, type JoinedLesson, type LiveLesson, type ServerNotice, type TransportOptions } from '@shared';
import { liveLesson, scheduleLesson } from '../../testkit/adminApi.js';
import { connectClient, opusRtpParameters, type RawClient } from './support/signallingClient.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

/*
 * The floor is enforced by the server: a modified classroom client that tries
 * to speak out of turn, grant itself the floor or lower another school's
 * hand is refused with a typed error, and nothing changes.
 */
describe('floor and hands are server state that only the right role changes', () => {
  let server: ServerProcess;
  let teacher: RawClient;
  let classroomA: RawClient;
  let classroomB: RawClient;
  let microphoneB: string;
  const noticesAtA: ServerNotice[] = [];
  let lessonId: string;

  const live = (): Promise<LiveLesson> => liveLesson(lessonId, server);

  const joinClassroom = async (classroomId: string, token: string): Promise<RawClient> => {
    const client = await connectClient(server.url, token);
    const joined = await client.ok<JoinedLesson>({ type: 'joinLesson', lessonId, role: 'classroom', classroomId });
    await client.ok({ type: 'declareCapabilities', rtpCapabilities: joined.routerRtpCapabilities });
    return client;
  };

  beforeAll(async () => {
    server = await startServer();
    const lesson = await scheduleLesson({}, server);
    lessonId = lesson.lessonId;
    const tokenOf = (id: string): string => lesson.classrooms.find((c) => c.classroomId === id)!.token;
    teacher = await connectClient(server.url, lesson.teacherToken);
    await teacher.ok({ type: 'joinLesson', lessonId, role: 'teacher' });
    classroomA = await joinClassroom('shanping-4', tokenOf('shanping-4'));
    classroomA.socket.on('notice', (notice: ServerNotice) => noticesAtA.push(notice));
    classroomB = await joinClassroom('hewan-4-2', tokenOf('hewan-4-2'));
    const send = await classroomB.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
    ({ producerId: microphoneB } = await classroomB.ok<{ producerId: string }>({
      type: 'produce', transportId: send.id, kind: 'audio', source: 'studentsMic', rtpParameters: opusRtpParameters(3333) as never,
    }));
  });

  afterAll(async () => {
    for (const client of [teacher, classroomA, classroomB]) client?.close();
    await server?.stop();
  });

  it('pauses a classroom microphone at the SFU as soon as it is published', () => {
    const published = noticesAtA.find((n) => n.type === 'trackPublished' && n.track.producerId === microphoneB);
    expect(published).toMatchObject({ track: { paused: true, source: 'studentsMic' } });
  });

  it('keeps one hand per classroom however often it is pressed', async () => {
    await classroomB.ok({ type: 'raiseHand', studentName: '小明' });
    await classroomB.ok({ type: 'raiseHand', studentName: '小明' });
    await classroomA.ok({ type: 'raiseHand' });
    const { hands } = await live();
    expect(hands.map((h) => h.participantId)).toEqual(['classroom:hewan-4-2', 'classroom:shanping-4']);
    expect(hands[0]).toMatchObject({ studentName: '小明', schoolName: '河湾乡中心小学' });
  });

  it.each([
    ['resumes its own microphone without the floor', () => classroomB.send({ type: 'setProducerPaused', producerId: microphoneB, paused: false }), ErrorCode.NoFloor],
    ['grants itself the floor', () => classroomB.send({ type: 'grantFloor', participantId: 'classroom:hewan-4-2' }), ErrorCode.Forbidden],
    ['opens discussion', () => classroomB.send({ type: 'setDiscussion', open: true }), ErrorCode.Forbidden],
    ['lowers another school’s hand', () => classroomB.send({ type: 'lowerHand', participantId: 'classroom:shanping-4' }), ErrorCode.Forbidden],
    ['lowers every hand', () => classroomB.send({ type: 'lowerAllHands' }), ErrorCode.Forbidden],
    ['mutes another classroom', () => classroomB.send({ type: 'muteParticipant', participantId: 'classroom:shanping-4', muted: true }), ErrorCode.Forbidden],
    ['pins the main view', () => classroomB.send({ type: 'pinMainView', participantId: 'classroom:hewan-4-2' }), ErrorCode.Forbidden],
    ['switches chat off', () => classroomB.send({ type: 'setChatEnabled', enabled: false }), ErrorCode.Forbidden],
  ])('a modified classroom client that %s is refused and nothing changes', async (_name, attempt, code) => {
    const before = await live();
    const noticesBefore = noticesAtA.length;
    expect(await attempt()).toMatchObject({ ok: false, error: { code } });
    expect(await live()).toEqual(before);
    await new Promise((r) => setTimeout(r, 200));
    expect(noticesAtA.slice(noticesBefore)).toEqual([]);
  });

  it('the teacher grants the floor: the microphone opens at the SFU and the hand leaves the queue', async () => {
    const noticesBefore = noticesAtA.length;
    const floor = await teacher.ok<FloorState>({ type: 'grantFloor', participantId: 'classroom:hewan-4-2' });
    expect(floor.holders).toEqual(['classroom:hewan-4-2']);
    expect((await live()).hands.map((h) => h.participantId)).toEqual(['classroom:shanping-4']);
    await expect.poll(() => noticesAtA.slice(noticesBefore)).toContainEqual({ type: 'trackPaused', producerId: microphoneB, paused: false });
    expect(noticesAtA.slice(noticesBefore)).toContainEqual(
      expect.objectContaining({ type: 'mainViewChanged', mainView: expect.objectContaining({ participantId: 'classroom:hewan-4-2', reason: 'floor' }) }),
    );
  });

  it('muting takes the floor back and pauses the microphone again', async () => {
    const noticesBefore = noticesAtA.length;
    const floor = await teacher.ok<FloorState>({ type: 'muteParticipant', participantId: 'classroom:hewan-4-2', muted: true });
    expect(floor).toMatchObject({ holders: [], muted: ['classroom:hewan-4-2'] });
    await expect.poll(() => noticesAtA.slice(noticesBefore)).toContainEqual({ type: 'trackPaused', producerId: microphoneB, paused: true });
    expect(await classroomB.send({ type: 'setProducerPaused', producerId: microphoneB, paused: false })).toMatchObject({ ok: false, error: { code: ErrorCode.NoFloor } });
  });

  it('chat: too long and too fast are refused, and off means off for classrooms', async () => {
    expect(await classroomA.send({ type: 'sendChat', text: '好'.repeat(301) })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    const replies = [];
    for (let i = 0; i < 7; i++) replies.push(await classroomA.send({ type: 'sendChat', text: `第${i}条` }));
    expect(replies.filter((r) => r.ok)).toHaveLength(5);
    expect(replies.at(-1)).toMatchObject({ ok: false, error: { code: ErrorCode.RateLimited } });
    await teacher.ok({ type: 'setChatEnabled', enabled: false });
    expect(await classroomB.send({ type: 'sendChat', text: '还能说话吗' })).toMatchObject({ ok: false, error: { code: ErrorCode.ChatClosed } });
    expect(await teacher.send({ type: 'sendChat', text: '请先听讲' })).toMatchObject({ ok: true });
  });

  it('discussion opens every unmuted classroom microphone at the SFU and closes them again', async () => {
    await teacher.ok({ type: 'muteParticipant', participantId: 'classroom:hewan-4-2', muted: false });
    let from = noticesAtA.length;
    await teacher.ok({ type: 'setDiscussion', open: true });
    await expect.poll(() => noticesAtA.slice(from)).toContainEqual({ type: 'trackPaused', producerId: microphoneB, paused: false });
    from = noticesAtA.length;
    await teacher.ok({ type: 'setDiscussion', open: false });
    await expect.poll(() => noticesAtA.slice(from)).toContainEqual({ type: 'trackPaused', producerId: microphoneB, paused: true });
  });

  it('the teacher pins every main view to a classroom and unpins it', async () => {
    let from = noticesAtA.length;
    await teacher.ok({ type: 'pinMainView', participantId: 'classroom:hewan-4-2' });
    await expect.poll(() => noticesAtA.slice(from)).toContainEqual({
      type: 'mainViewChanged',
      mainView: { participantId: 'classroom:hewan-4-2', reason: 'pinned', pinned: true, microphone: null },
    });
    expect(await teacher.send({ type: 'pinMainView', participantId: 'classroom:nobody' })).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    from = noticesAtA.length;
    await teacher.ok({ type: 'pinMainView', participantId: null });
    await expect.poll(() => noticesAtA.slice(from)).toContainEqual({
      type: 'mainViewChanged',
      mainView: { participantId: 'teacher', reason: 'teacher', pinned: false, microphone: 'teacherMic' },
    });
  });
});
