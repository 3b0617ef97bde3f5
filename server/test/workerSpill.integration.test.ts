import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInSchema, type JoinedLesson } from '@shared';
import { adminToken, apiCall, lessonMedia, registerTerminal, terminalToken } from '../../testkit/adminApi.js';
import { rehearsingBroadcast, type RehearsingBroadcast } from '../../testkit/broadcasts.js';
import { receiveLight, sendSyntheticCamera, type ReceivedBytes } from '../../testkit/light/lightParticipant.js';
import type { MediasoupLink } from '../../testkit/light/mediasoupLink.js';
import type { SyntheticCamera } from '../../testkit/light/syntheticCamera.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, type RawClient } from './support/signallingClient.js';
import { eventually } from './support/until.js';

/** Consumers a worker serves before the lesson's new viewers go elsewhere: small, so thirty light viewers outgrow it. */
const WORKER_MAX_CONSUMERS = 10;
const VIEWERS = 30;

const healthSchema = z.object({ data: z.object({ workers: z.array(z.object({ index: z.number(), consumers: z.number(), lessons: z.number() })) }) });

/*
 * A lesson whose audience outgrows its worker (issue 18, test 3), against a
 * real server with two mediasoup workers and werift viewers: the first
 * viewers join the lesson's own worker until it holds WORKER_MAX_CONSUMERS
 * consumers; the rest are served from the second worker, into which the
 * teacher's camera is piped (pipeToRouter) once. Viewers there receive the
 * camera at the layer a viewer takes, the classroom on the lesson's worker
 * keeps receiving the top layer at the rate it had alone, and when the
 * camera closes every viewer on both workers is told.
 */
describe('a lesson whose viewers outgrow one worker', () => {
  let server: ServerProcess;
  let broadcast: RehearsingBroadcast;
  let camera: SyntheticCamera;
  let cameraId: string;
  let teacher: RawClient;
  /** The classroom (山坪), a light receiver of the teacher's camera on its large view: what the viewers must not cost. */
  let atClassroom: ReceivedBytes;
  const clients: RawClient[] = [];
  const links: MediasoupLink[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { WORKERS: '2', WORKER_MAX_CONSUMERS: String(WORKER_MAX_CONSUMERS), LESSON_MAX_VIEWERS: String(VIEWERS) } });
    broadcast = await rehearsingBroadcast(server, '名师课：分数的意义');
    teacher = await connectClient(server.url, broadcast.teacher);
    clients.push(teacher);
    await teacher.ok({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'teacher' });
    const sent = await sendSyntheticCamera(teacher.ok, 'teacher', [100_000, 300_000, 900_000], 4400);
    camera = sent.camera;
    cameraId = sent.producerId;
    links.push(sent.link);
    await broadcast.step(broadcast.teacher, 'live');
    const classroom = await connectClient(server.url, await terminalToken((await registerTerminal('shanping-4', server)).credential, server));
    clients.push(classroom);
    const joined = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'classroom', classroomId: 'shanping-4' });
    const received = await receiveLight(classroom.ok, joined, [cameraId], 'main');
    links.push(received.link);
    atClassroom = received.received.get(cameraId)!;
  }, 60_000);

  afterAll(async () => {
    camera?.stop();
    for (const link of links) await link.close().catch(() => undefined);
    for (const client of clients) client.close();
    await server?.stop();
  });

  it('serves the viewers beyond the first worker’s room from the second, fed by a pipe', async () => {
    // The classroom's picture before the audience: the top layer (900 kbit/s), at the rate it arrives alone.
    await eventually('the classroom receives the top layer', async () => atClassroom.kbps(3000) > 600, 20_000);
    // A full window at that layer, not the climb to it.
    await new Promise((r) => setTimeout(r, 3000));
    const alone = atClassroom.kbps(3000);
    const key = new URL((await broadcast.output()).watchUrl).pathname.split('/').at(-1)!;
    const viewers: Array<{ client: RawClient; id: string; bytes: ReceivedBytes }> = [];
    // In fives, as a crowd arrives: each five placed while the others are already counted.
    for (let start = 0; start < VIEWERS; start += 5) {
      viewers.push(
        ...(await Promise.all(
          Array.from({ length: 5 }, async () => {
            const signed = await apiCall(server.url, '/auth/broadcast', signedInSchema, { body: { key } });
            const client = await connectClient(server.url, signed.accessToken);
            clients.push(client);
            const joined = await client.ok<JoinedLesson>({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'viewer' });
            const { link, received } = await receiveLight(client.ok, joined, [cameraId], 'main');
            links.push(link);
            return { client, id: joined.self.id, bytes: received.get(cameraId)! };
          }),
        )),
      );
    }

    const media = (await lessonMedia(broadcast.lessonId, server))!;
    const workerOf = new Map(media.receivers.map((r) => [r.participantId, r.worker]));
    const onWorker = (w: number) => viewers.filter((v) => workerOf.get(v.id) === w).length;
    const home = workerOf.get(viewers[0]!.id)!;
    const other = 1 - home;
    console.log(`viewers on the lesson's worker ${onWorker(home)}, on the other ${onWorker(other)}`);
    // The lesson's worker took viewers up to its room (a burst of five may overshoot by what was in flight), the other the rest.
    expect(onWorker(home)).toBeGreaterThanOrEqual(WORKER_MAX_CONSUMERS - 5);
    expect(onWorker(home)).toBeLessThanOrEqual(WORKER_MAX_CONSUMERS + 4);
    expect(onWorker(other)).toBe(VIEWERS - onWorker(home));
    const health = healthSchema.parse(await (await fetch(`${server.url}/api/health`, { headers: { authorization: `Bearer ${await adminToken(server)}` } })).json()).data;
    expect(health.workers.find((w) => w.index === other)!.consumers).toBe(onWorker(other));

    // Every viewer receives the camera, those on the second worker through the pipe, at the middle layer a viewer takes.
    await eventually('every viewer receives the camera', async () => viewers.every((v) => v.bytes.total > 4000), 30_000);
    await eventually('the piped viewers get the middle layer', async () => {
      const now = (await lessonMedia(broadcast.lessonId, server))!;
      const piped = now.receivers.filter((r) => r.worker === other);
      return piped.length > 0 && piped.every((r) => r.consumers[0]?.currentSpatialLayer === 1);
    }, 20_000);

    // The classroom still receives the top layer at the rate it had alone (its worker kept room for it; the rest went elsewhere).
    await new Promise((r) => setTimeout(r, 3000));
    const crowded = atClassroom.kbps(3000);
    console.log(`the classroom received ${Math.round(alone)} kbit/s alone, ${Math.round(crowded)} kbit/s with ${VIEWERS} viewers on two workers`);
    expect(crowded).toBeGreaterThan(alone * 0.8);
    const classroomView = (await lessonMedia(broadcast.lessonId, server))!.receivers.find((r) => r.participantId === 'classroom:shanping-4')!;
    expect(classroomView).toMatchObject({ worker: home, consumers: [expect.objectContaining({ currentSpatialLayer: 2 })] });

    // The camera closes: every viewer on both workers is told, the piped ones through the pipe's own closing.
    const told = (c: RawClient) => c.notices.some((n) => n.type === 'consumerClosed');
    await teacher.ok({ type: 'closeProducer', producerId: cameraId });
    await eventually('every viewer is told the camera closed', async () => viewers.every((v) => told(v.client)), 10_000);
  }, 180_000);
});
