import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type JoinedLesson, type ServerNotice, type Stage, type TransportOptions } from '@shared';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { connectClient, vp8RtpParameters, type RawClient } from './support/signallingClient.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

/*
 * 导播 and device mapping are server state: the stage follows what is
 * published and what the teacher chose, reaches every classroom, survives a
 * reconnect, and only the teacher changes it.
 */
describe('directing and device mapping', () => {
  let server: ServerProcess;
  let lessonId: string;
  let tokens: { teacher: string; a: string; b: string };
  let teacher: RawClient;
  let classroomA: RawClient;
  let teacherSend: TransportOptions;
  const noticesAtA: ServerNotice[] = [];
  const clients: RawClient[] = [];

  const join = async (role: 'teacher' | 'classroom', classroomId?: string): Promise<{ client: RawClient; joined: JoinedLesson }> => {
    const token = role === 'teacher' ? tokens.teacher : classroomId === 'shanping-4' ? tokens.a : tokens.b;
    const client = await connectClient(server.url, token);
    clients.push(client);
    const joined = await client.ok<JoinedLesson>({ type: 'joinLesson', lessonId, role, ...(classroomId ? { classroomId } : {}) });
    return { client, joined };
  };
  const lastStageAtA = (): Stage | undefined =>
    noticesAtA.filter((n): n is Extract<ServerNotice, { type: 'stageChanged' }> => n.type === 'stageChanged').at(-1)?.stage;

  beforeAll(async () => {
    server = await startServer();
    const lesson = await scheduleLesson({}, server);
    lessonId = lesson.lessonId;
    const tokenOf = (id: string): string => lesson.classrooms.find((c) => c.classroomId === id)!.token;
    tokens = { teacher: lesson.teacherToken, a: tokenOf('shanping-4'), b: tokenOf('hewan-4-2') };
    ({ client: teacher } = await join('teacher'));
    ({ client: classroomA } = await join('classroom', 'shanping-4'));
    classroomA.socket.on('notice', (notice: ServerNotice) => noticesAtA.push(notice));
    teacherSend = await teacher.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.stop();
  });

  it('automatic directing puts shared courseware large with the teacher camera in the corner', async () => {
    await teacher.ok({ type: 'produce', transportId: teacherSend.id, kind: 'video', source: 'teacher', rtpParameters: vp8RtpParameters(5001) as never });
    await expect.poll(lastStageAtA).toMatchObject({ layout: 'single', main: { participantId: 'teacher', source: 'teacher' } });
    const rtp = { ...vp8RtpParameters(5002), mid: '2' };
    await teacher.ok({ type: 'produce', transportId: teacherSend.id, kind: 'video', source: 'courseware', rtpParameters: rtp as never });
    await expect.poll(lastStageAtA).toMatchObject({
      layout: 'pip',
      main: { participantId: 'teacher', source: 'courseware' },
      inset: { participantId: 'teacher', source: 'teacher' },
    });
  });

  it('the teacher picks a layout for every classroom; it is kept across a reconnect', async () => {
    const stage = await teacher.ok<Stage>({ type: 'setDirecting', choice: 'sideBySide' });
    expect(stage).toMatchObject({ layout: 'sideBySide', directing: { choice: 'sideBySide' } });
    await expect.poll(lastStageAtA).toMatchObject({ layout: 'sideBySide', main: { source: 'courseware' }, inset: { source: 'teacher' } });
    await teacher.ok({ type: 'setDirecting', choice: 'grid' });
    await expect.poll(lastStageAtA).toMatchObject({ layout: 'grid' });

    const { joined } = await join('classroom', 'hewan-4-2');
    expect(joined.interaction.stage).toMatchObject({ layout: 'grid', directing: { choice: 'grid' } });
  });

  it('refuses directing from a classroom, for someone not in the lesson, or of an unknown layout, and changes nothing', async () => {
    const before = lastStageAtA();
    const count = noticesAtA.length;
    expect(await classroomA.send({ type: 'setDirecting', choice: 'teacherFull' })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    expect(
      await teacher.send({ type: 'setDirecting', choice: 'teacherFull', main: { participantId: 'classroom:nobody', source: 'students' } }),
    ).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    expect(await teacher.send({ type: 'setDirecting', choice: 'cinema' })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(await teacher.send({ type: 'setDirecting', choice: 'grid', main: { participantId: 'teacher', source: 'teacherMic' } })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.BadRequest },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(noticesAtA.slice(count).filter((n) => n.type === 'stageChanged')).toEqual([]);
    expect(lastStageAtA()).toEqual(before);
  });

  it('when the courseware stops, a courseware layout falls back to the teacher camera', async () => {
    await teacher.ok({ type: 'setDirecting', choice: 'coursewarePip' });
    await expect.poll(lastStageAtA).toMatchObject({ layout: 'pip' });
    const stage = lastStageAtA()!;
    const producers = noticesAtA.filter((n): n is Extract<ServerNotice, { type: 'trackPublished' }> => n.type === 'trackPublished');
    const coursewareId = producers.find((n) => n.track.source === 'courseware')!.track.producerId;
    await teacher.ok({ type: 'closeProducer', producerId: coursewareId });
    await expect.poll(lastStageAtA).toMatchObject({ layout: 'single', main: { participantId: 'teacher', source: 'teacher' }, directing: { choice: 'coursewarePip' } });
    expect(lastStageAtA()!.changedAt).toBeGreaterThanOrEqual(stage.changedAt);
  });

  it('refuses a track whose kind does not match its source', async () => {
    const reply = await teacher.send({ type: 'produce', transportId: teacherSend.id, kind: 'video', source: 'teacherMic', rtpParameters: vp8RtpParameters(5003) });
    expect(reply).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
  });

  it('keeps a corrected device mapping per classroom and hands it back on the next join', async () => {
    const mapping = { fake_device_0: 'students', fake_device_1: 'teacher', fake_device_2: 'off' } as const;
    await classroomA.ok({ type: 'saveDeviceMapping', mapping });
    expect((await join('classroom', 'shanping-4')).joined.deviceMapping).toEqual(mapping);
    expect((await join('classroom', 'hewan-4-2')).joined.deviceMapping).toEqual({});
    expect((await join('teacher')).joined.deviceMapping).toEqual({});
  });

  it('refuses a malformed device mapping and keeps the saved one', async () => {
    const { client } = await join('classroom', 'shanping-4');
    expect(await client.send({ type: 'saveDeviceMapping', mapping: { cam: 'camera' } })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    const tooMany = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`cam ${i}`, 'off']));
    expect(await client.send({ type: 'saveDeviceMapping', mapping: tooMany })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect((await join('classroom', 'shanping-4')).joined.deviceMapping).toMatchObject({ fake_device_0: 'students' });
  });
});
