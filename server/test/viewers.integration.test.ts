import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, lessonCommentSchema, signedInSchema, type JoinedLesson, type ServerNotice } from '@shared';
import { AdminApiError, apiCall, lessonMedia, registerTerminal, terminalToken } from '../../testkit/adminApi.js';
import { rehearsingBroadcast, type RehearsingBroadcast } from '../../testkit/broadcasts.js';
import { receiveLight, sendSyntheticCamera, type ReceivedBytes } from '../../testkit/light/lightParticipant.js';
import type { MediasoupLink } from '../../testkit/light/mediasoupLink.js';
import type { SyntheticCamera } from '../../testkit/light/syntheticCamera.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, type RawClient } from './support/signallingClient.js';
import { eventually } from './support/until.js';

const VIEWERS = 50;

/*
 * 观众 by WebRTC against a real server, worker and werift clients: a
 * broadcast's key buys a viewer's session only while it is live; fifty
 * viewers join at once and leave at once, and the teacher hears one count a
 * second, not fifty notices; nobody in the lesson is told of any of them;
 * each receives the teacher's camera at the middle layer, never the top one;
 * a viewer can do nothing else (comment, observe, chat); their own cap.
 */
describe('a broadcast’s viewers (观众)', () => {
  let server: ServerProcess;
  let broadcast: RehearsingBroadcast;
  let teacher: RawClient;
  let classroom: RawClient;
  let camera: SyntheticCamera;
  let cameraId: string;
  let key: string;
  const clients: RawClient[] = [];
  const links: MediasoupLink[] = [];

  const ticket = (k: string) => apiCall(server.url, '/auth/broadcast', signedInSchema, { body: { key: k } });

  beforeAll(async () => {
    server = await startServer({ env: { LESSON_MAX_VIEWERS: String(VIEWERS) } });
    broadcast = await rehearsingBroadcast(server, '名师课：长方体的体积');
    key = new URL((await broadcast.output()).watchUrl).pathname.split('/').at(-1)!;
    teacher = await connectClient(server.url, broadcast.teacher);
    clients.push(teacher);
    await teacher.ok({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'teacher' });
    const sent = await sendSyntheticCamera(teacher.ok, 'teacher', [100_000, 300_000, 900_000], 4400);
    camera = sent.camera;
    cameraId = sent.producerId;
    links.push(sent.link);
  }, 60_000);

  afterAll(async () => {
    camera?.stop();
    for (const link of links) await link.close().catch(() => undefined);
    for (const client of clients) client.close();
    await server?.stop();
  });

  it('sells no ticket before the broadcast is live, nor for a wrong key', async () => {
    await expect(ticket(key)).rejects.toMatchObject({ status: 404 });
    await expect(ticket('z'.repeat(22))).rejects.toMatchObject({ status: 404 });
    await expect(ticket('../../etc')).rejects.toMatchObject({ status: 400 });
  });

  it('lets fifty viewers join and leave at once: one count a second for the teacher, nothing for anyone else', async () => {
    await broadcast.step(broadcast.teacher, 'live');
    // The audience's classroom is in the lesson now: it shows the teacher large.
    const room = (await apiCall(server.url, '/lessons', z.array(z.object({ id: z.string(), classrooms: z.array(z.object({ classroomId: z.string() })) })), { token: broadcast.admin })).find((l) => l.id === broadcast.lessonId)!;
    expect(room.classrooms.map((c) => c.classroomId)).toContain('shanping-4');
    const terminal = await registerTerminal('shanping-4', server);
    classroom = await connectClient(server.url, await terminalToken(terminal.credential, server));
    clients.push(classroom);
    const joinedRoom = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'classroom', classroomId: 'shanping-4' });
    links.push((await receiveLight(classroom.ok, joinedRoom, [cameraId], 'main')).link);
    const from = { teacher: teacher.notices.length, classroom: classroom.notices.length };
    const started = Date.now();

    const viewers = await Promise.all(
      Array.from({ length: VIEWERS }, async () => {
        const signed = await ticket(key);
        expect(signed.me.lessonId).toBe(broadcast.lessonId);
        const client = await connectClient(server.url, signed.accessToken);
        clients.push(client);
        const joined = await client.ok<JoinedLesson>({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'viewer' });
        const { link, received } = await receiveLight(client.ok, joined, [cameraId], 'main');
        links.push(link);
        return { client, joined, link, bytes: received.get(cameraId)! as ReceivedBytes, token: signed.accessToken };
      }),
    );
    const joinedInMs = Date.now() - started;
    expect(new Set(viewers.map((v) => v.joined.self.id)).size).toBe(VIEWERS);
    const counts = (n: ServerNotice[]) => n.flatMap((x) => (x.type === 'viewersChanged' ? [x.viewers] : []));
    await eventually('the teacher counts fifty viewers', async () => counts(teacher.notices.slice(from.teacher)).at(-1) === VIEWERS, 10_000);
    const told = counts(teacher.notices.slice(from.teacher));
    // One count a second at most (plus the one in flight when the burst began).
    expect(told.length).toBeLessThanOrEqual(Math.ceil(joinedInMs / 1000) + 2);
    expect(teacher.notices.slice(from.teacher).filter((n) => n.type === 'participantJoined')).toEqual([]);
    expect(JSON.stringify(classroom.notices.slice(from.classroom))).not.toMatch(/viewer:|viewersChanged/);
    // Each receives the teacher's camera, at the middle layer: never the top one, which only the classroom asked for.
    await eventually('every viewer receives the camera', async () => viewers.every((v) => v.bytes.total > 2000), 20_000);
    const media = (await lessonMedia(broadcast.lessonId, server))!;
    const layers = media.receivers.filter((r) => r.participantId.startsWith('viewer:')).map((r) => r.consumers.find((c) => c.producerId === cameraId)?.preferredSpatialLayer);
    expect(layers).toEqual(Array(VIEWERS).fill(1));

    // Their own cap: the fifty-first is refused, the lesson's classroom and observers are untouched.
    const extra = await connectClient(server.url, (await ticket(key)).accessToken);
    clients.push(extra);
    expect(await extra.send({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'viewer' })).toMatchObject({ ok: false, error: { code: ErrorCode.LessonFull } });

    // A viewer may only watch.
    const one = viewers[0]!;
    expect(await one.client.send({ type: 'sendChat', text: '老师好' })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    const asObserver = await connectClient(server.url, one.token);
    clients.push(asObserver);
    expect(await asObserver.send({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'observer' })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    const comment = await apiCall(server.url, `/lessons/${broadcast.lessonId}/comments`, lessonCommentSchema, { token: one.token, body: { text: '好', at: Date.now() } }).catch((e: AdminApiError) => e);
    expect(comment).toMatchObject({ status: 403 });

    // They all leave at once: the count falls to 0 in a notice or two.
    const leaving = teacher.notices.length;
    await Promise.all(viewers.map(async (v) => {
      await v.client.ok({ type: 'leaveLesson' });
      await v.link.close().catch(() => undefined);
    }));
    await eventually('the teacher counts no viewer', async () => counts(teacher.notices.slice(leaving)).at(-1) === 0, 10_000);
    expect(counts(teacher.notices.slice(leaving)).length).toBeLessThanOrEqual(3);
    expect(JSON.stringify(classroom.notices.slice(from.classroom))).not.toMatch(/viewer:/);
  }, 180_000);
});
