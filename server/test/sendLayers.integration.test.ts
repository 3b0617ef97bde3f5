import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type ConsumerOptions, type JoinedLesson, type ServerNotice, type TransportOptions } from '@shared';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { connectClient, vp8RtpParameters, type RawClient } from './support/signallingClient.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

/** A three-layer VP8 camera as Chromium sends it (one SSRC per simulcast layer). */
const simulcastCamera = (firstSsrc: number): Record<string, unknown> => ({
  ...vp8RtpParameters(firstSsrc),
  encodings: [{ ssrc: firstSsrc }, { ssrc: firstSsrc + 1 }, { ssrc: firstSsrc + 2 }],
});

/*
 * The teacher's browser is told the highest layer anyone shows her camera
 * at, so it encodes no layer nobody watches; courseware (one layer) is never
 * told anything.
 */
describe('senders encode only the layers somebody shows', () => {
  let server: ServerProcess;
  let teacher: RawClient;
  let camera: string;
  let courseware: string;
  const atTeacher: ServerNotice[] = [];
  const clients: RawClient[] = [];
  let lessonId: string;
  let tokenOf: (id: string) => string;
  let send: TransportOptions;

  const layersToldFor = (producerId: string): number[] =>
    atTeacher.flatMap((n) => (n.type === 'sendLayers' && n.producerId === producerId ? [n.maxSpatialLayer] : []));
  const lastLayerTold = (): number | undefined => layersToldFor(camera).at(-1);

  const classroomShowing = async (classroomId: string, place: 'main' | 'tile'): Promise<{ client: RawClient; consumerId: string }> => {
    const client = await connectClient(server.url, tokenOf(classroomId));
    clients.push(client);
    const joined = await client.ok<JoinedLesson>({ type: 'joinLesson', lessonId, role: 'classroom', classroomId });
    await client.ok({ type: 'declareCapabilities', rtpCapabilities: joined.routerRtpCapabilities });
    await client.ok({ type: 'createTransport', direction: 'recv' });
    await client.ok<ConsumerOptions>({ type: 'consume', producerId: courseware, place: 'main' });
    const { id } = await client.ok<ConsumerOptions>({ type: 'consume', producerId: camera, place });
    return { client, consumerId: id };
  };

  beforeAll(async () => {
    server = await startServer();
    const lesson = await scheduleLesson({}, server);
    lessonId = lesson.lessonId;
    tokenOf = (id) => lesson.classrooms.find((c) => c.classroomId === id)!.token;
    teacher = await connectClient(server.url, lesson.teacherToken);
    clients.push(teacher);
    teacher.socket.on('notice', (n: ServerNotice) => atTeacher.push(n));
    await teacher.ok({ type: 'joinLesson', lessonId, role: 'teacher' });
    send = await teacher.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
    ({ producerId: camera } = await teacher.ok<{ producerId: string }>({ type: 'produce', transportId: send.id, kind: 'video', source: 'teacher', rtpParameters: simulcastCamera(7001) as never }));
    ({ producerId: courseware } = await teacher.ok<{ producerId: string }>({
      type: 'produce', transportId: send.id, kind: 'video', source: 'courseware', rtpParameters: { ...vp8RtpParameters(7101), mid: '2' } as never,
    }));
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.stop();
  });

  it('follows the largest place any classroom shows the camera at, and forgets a classroom that left', async () => {
    const a = await classroomShowing('shanping-4', 'tile');
    await expect.poll(lastLayerTold, { timeout: 10_000 }).toBe(0);

    const b = await classroomShowing('hewan-4-2', 'main');
    await expect.poll(lastLayerTold, { timeout: 10_000 }).toBe(2);

    await a.client.ok({ type: 'setConsumerPlace', consumerId: a.consumerId, place: 'half' });
    await b.client.ok({ type: 'setConsumerPlace', consumerId: b.consumerId, place: 'hidden' });
    await expect.poll(lastLayerTold, { timeout: 10_000 }).toBe(1);

    await b.client.ok({ type: 'setConsumerPlace', consumerId: b.consumerId, place: 'main' });
    await expect.poll(lastLayerTold, { timeout: 10_000 }).toBe(2);
    b.client.close();
    await expect.poll(lastLayerTold, { timeout: 10_000 }).toBe(1);

    // Each change was said once, not once per request.
    expect(layersToldFor(camera)).toEqual([0, 2, 1, 2, 1]);
    expect(layersToldFor(courseware)).toEqual([]);
  });
  it('counts the recorder as a viewer at the top layer while the lesson is recorded', async () => {
    const { client } = await classroomShowing('shanping-4', 'tile');
    await expect.poll(lastLayerTold, { timeout: 10_000 }).toBe(0);
    await teacher.ok({ type: 'setRecording', recording: true });
    // Nobody shows the camera large, yet it is recorded: its sender keeps encoding 1280×720.
    await expect.poll(lastLayerTold, { timeout: 10_000 }).toBe(2);
    await teacher.ok({ type: 'setRecording', recording: false });
    await expect.poll(lastLayerTold, { timeout: 10_000 }).toBe(0);
    client.close();
  });

  it('a classroom moving a picture whose camera just closed is told it is gone, never an internal error', async () => {
    const { client } = await classroomShowing('shanping-4', 'tile');
    const codes: string[] = [];
    for (let round = 0; round < 10; round++) {
      const { producerId } = await teacher.ok<{ producerId: string }>({
        type: 'produce', transportId: send.id, kind: 'video', source: 'document', rtpParameters: { ...simulcastCamera(8001 + round * 3), mid: '3' } as never,
      });
      const { id } = await client.ok<ConsumerOptions>({ type: 'consume', producerId, place: 'tile' });
      // The camera closes while the classroom resumes and enlarges it: the requests meet in the worker.
      const replies = await Promise.all([
        teacher.send({ type: 'closeProducer', producerId }),
        client.send({ type: 'resumeConsumer', consumerId: id }),
        client.send({ type: 'setConsumerPlace', consumerId: id, place: 'main' }),
        client.send({ type: 'setConsumerPlace', consumerId: id, place: 'half' }),
      ]);
      codes.push(...replies.map((reply) => (reply.ok ? 'ok' : reply.error.code)));
    }
    expect(codes.filter((code) => code !== 'ok' && code !== ErrorCode.NotFound)).toEqual([]);
    expect(codes).toContain(ErrorCode.NotFound);
  });
});
