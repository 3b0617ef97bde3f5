import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Ack, type JoinedLesson, type TransportOptions } from '@shared';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { connectClient, opusRtpParameters, type RawClient } from './support/signallingClient.js';
import { serverHealth } from '../../testkit/health.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

/*
 * A running lesson (teacher + classroom, real transports and a real producer
 * in a real worker) receives every kind of bad message. Each gets a typed
 * error reply and nothing in the lesson changes; a frame no client of ours
 * could send closes only the connection that sent it. A session that may not
 * join as what it asks is FORBIDDEN; a connection without one never opens.
 */
describe('malformed, unknown and unauthorised signalling', () => {
  let server: ServerProcess;
  let teacher: RawClient;
  let classroom: RawClient;
  let intruder: RawClient;
  let otherLessonProducerId: string;
  let lessonId: string;
  let classroomToken: string;
  let classroomCredential: string;
  let otherTeacherToken: string;

  const health = (): ReturnType<typeof serverHealth> => serverHealth(server);
  const nest = (levels: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  };

  beforeAll(async () => {
    server = await startServer();
    const lesson = await scheduleLesson({}, server);
    const other = await scheduleLesson({}, server);
    lessonId = lesson.lessonId;
    ({ token: classroomToken, credential: classroomCredential } = lesson.classrooms.find((c) => c.classroomId === 'shanping-4')!);
    otherTeacherToken = other.teacherToken;

    teacher = await connectClient(server.url, lesson.teacherToken);
    await teacher.ok({ type: 'joinLesson', lessonId, role: 'teacher' });
    classroom = await connectClient(server.url, classroomToken);
    const joined = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId, role: 'classroom', classroomId: 'shanping-4' });
    await classroom.ok({ type: 'declareCapabilities', rtpCapabilities: joined.routerRtpCapabilities });
    const send = await classroom.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
    await classroom.ok({ type: 'createTransport', direction: 'recv' });
    await classroom.ok({ type: 'produce', transportId: send.id, kind: 'audio', source: 'studentsMic', rtpParameters: opusRtpParameters(1111) as never });

    intruder = await connectClient(server.url, other.teacherToken);
    await intruder.ok({ type: 'joinLesson', lessonId: other.lessonId, role: 'teacher' });
    const otherSend = await intruder.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
    const produced = await intruder.ok<{ producerId: string }>({
      type: 'produce', transportId: otherSend.id, kind: 'audio', source: 'studentsMic', rtpParameters: opusRtpParameters(2222) as never,
    });
    otherLessonProducerId = produced.producerId;
  });

  afterAll(async () => {
    for (const client of [teacher, classroom, intruder]) client?.close();
    await server?.stop();
  });

  const badMessages: Array<[string, (c: RawClient) => Promise<Ack<unknown>>, string]> = [
    ['wrong field types', (c) => c.send({ type: 'createTransport', direction: 42 }), ErrorCode.BadRequest],
    ['missing fields', (c) => c.send({ type: 'connectTransport' }), ErrorCode.BadRequest],
    ['an unexpected extra field', (c) => c.send({ type: 'leaveLesson', sneaky: true }), ErrorCode.BadRequest],
    ['not an object at all', (c) => c.send('hello'), ErrorCode.BadRequest],
    ['an unknown request type', (c) => c.send({ type: 'dropAllTables' }), ErrorCode.UnknownRequest],
    ['an unknown event', (c) => c.socket.timeout(10_000).emitWithAck('grantEverything', { all: true }) as Promise<Ack<unknown>>, ErrorCode.UnknownRequest],
    ['a request larger than any real one', (c) => c.send({ type: 'produce', transportId: crypto.randomUUID(), kind: 'audio', source: 'studentsMic', rtpParameters: { junk: 'x'.repeat(42 * 1024) } }), ErrorCode.PayloadTooLarge],
    ['a request nested 20 levels deep', (c) => c.send({ type: 'produce', transportId: crypto.randomUUID(), kind: 'audio', source: 'studentsMic', rtpParameters: { a: nest(20) } }), ErrorCode.BadRequest],
    ['ten thousand values', (c) => c.send({ type: 'reportQuality', samples: new Array(10_000).fill(0) }), ErrorCode.PayloadTooLarge],
    ['another lesson’s producer', (c) => c.send({ type: 'consume', producerId: otherLessonProducerId }), ErrorCode.NotFound],
    ['a transport that is not its own', (c) => c.send({ type: 'connectTransport', transportId: crypto.randomUUID(), dtlsParameters: { role: 'client', fingerprints: [] } }), ErrorCode.NotFound],
    ['a producer id that is not an id', (c) => c.send({ type: 'consume', producerId: 'not-a-uuid' }), ErrorCode.BadRequest],
    ['a classroom ending the lesson', (c) => c.send({ type: 'setLessonStatus', status: 'ended' }), ErrorCode.Forbidden],
  ];

  it.each(badMessages)('%s gets a typed error and changes nothing', async (_name, sendBad, code) => {
    const before = await health();
    const reply = await sendBad(classroom);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    if (!reply.ok) expect(reply.error.message.length).toBeGreaterThan(5);
    expect((await health()).media).toEqual(before.media);
    expect(classroom.socket.connected).toBe(true);
    expect(teacher.socket.connected).toBe(true);
  });

  it.each([
    ['a 1 MB frame', (c: RawClient) => void c.socket.emit('request', { type: 'leaveLesson', junk: 'x'.repeat(1024 * 1024) }, () => undefined)],
    // Written as raw frames: Socket.IO's own client overflows its stack encoding these.
    ['a frame nested twenty thousand levels deep', (c: RawClient) => c.writeFrame(`21["request",${'['.repeat(20_000)}${']'.repeat(20_000)}]`)],
    ['a binary attachment nested deep', (c: RawClient) => {
      c.writeFrame(`51-2["request",${'{"a":'.repeat(5_000)}{"_placeholder":true,"num":0}${'}'.repeat(5_000)}]`);
      c.writeFrame(new Uint8Array([1, 2, 3, 4]));
    }],
  ])('%s closes only the connection that sent it', async (_name, sendHostile) => {
    const before = await health();
    // A signed-in page (the classroom's own terminal, in a second tab) that was modified to send it.
    const hostile = await connectClient(server.url, classroomToken);
    const closed = new Promise<void>((done) => hostile.socket.once('disconnect', () => done()));
    sendHostile(hostile);
    await closed;
    expect(server.child.exitCode).toBeNull();
    expect((await health()).media).toEqual(before.media);
    expect(classroom.socket.connected).toBe(true);
    expect(await classroom.send({ type: 'clockSync' })).toMatchObject({ ok: true });
  });

  it.each([
    ['one classroom’s terminal joining as another classroom', () => classroomToken, { role: 'classroom', classroomId: 'hewan-4-2' }],
    ['another lesson’s teacher joining as the teacher', () => otherTeacherToken, { role: 'teacher' }],
  ] as const)('%s is refused (FORBIDDEN) and admits nobody', async (_name, token, as) => {
    const before = await health();
    const stranger = await connectClient(server.url, token());
    const reply = await stranger.send({ type: 'joinLesson', lessonId, ...as });
    expect(reply).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    const beforeLeaving = await stranger.send({ type: 'createTransport', direction: 'send' });
    expect(beforeLeaving).toMatchObject({ ok: false, error: { code: ErrorCode.NotJoined } });
    expect((await health()).media).toEqual(before.media);
    expect(classroom.socket.connected).toBe(true);
    expect(teacher.socket.connected).toBe(true);
    stranger.close();
  });

  it.each([
    ['without a token', (): string | undefined => undefined],
    // The classroom's real token with its signature changed: what a page could make up.
    ['with a forged token', () => `${classroomToken.slice(0, classroomToken.lastIndexOf('.') + 1)}${'A'.repeat(43)}`],
    ['with the terminal link instead of a session', () => classroomCredential],
  ])('a connection %s is refused at the handshake', async (_name, token) => {
    const refused = await connectClient(server.url, token()).then(
      (client) => (client.close(), null),
      (error: { data?: { code?: string } }) => error,
    );
    expect(refused).toMatchObject({ data: { code: ErrorCode.Unauthorized } });
    expect(classroom.socket.connected).toBe(true);
  });

  it('after all that, the lesson still works: the teacher starts it', async () => {
    const lesson = await teacher.ok<{ status: string }>({ type: 'setLessonStatus', status: 'live' });
    expect(lesson.status).toBe('live');
    const media = (await health()).media;
    expect(media).toMatchObject({ transports: 3, producers: 2 });
  });
});
