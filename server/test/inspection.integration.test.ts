import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, inspectionNoteSchema, inspectionPageSchema, INSPECTION_PAGE_SIZE, type JoinedLesson, type Participant } from '@shared';
import { AdminApiError, adminToken, apiCall, createGuestLink, createPerson, guestToken, liveLesson, scheduleLesson, signIn, type ScheduledLesson } from '../../testkit/adminApi.js';
import { followLesson } from '../../testkit/lessonEvents.js';
import { sendFromFfmpeg, type FfmpegSender } from '../../testkit/light/ffmpegSender.js';
import { receiveLight } from '../../testkit/light/lightParticipant.js';
import type { MediasoupLink } from '../../testkit/light/mediasoupLink.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, type RawClient } from './support/signallingClient.js';
import { until } from './support/until.js';

/*
 * 在线巡课, server side: the grid lists the live lessons in the admin's scope
 * (and only live ones), an inspector joins a lesson unseen — in no list,
 * notice, count or feed of anybody in it, not even the teacher's observer
 * list, and outside the observers' cap — and hears its sound only while she
 * places it 'main' (paused at the SFU otherwise). Notes are stamped by the
 * server. Teachers send real VP8 and Opus from ffmpeg over werift.
 */
describe('the inspection grid (巡课)', () => {
  let server: ServerProcess;
  const lessons: ScheduledLesson[] = [];
  const teachers: RawClient[] = [];
  const senders: FfmpegSender[] = [];
  const clients: RawClient[] = [];
  const links: MediasoupLink[] = [];
  let classroom: RawClient;
  let waiting: ScheduledLesson;

  const asToken = (token: string) => ({ token });
  const grid = (token: string, page = 1) => apiCall(server.url, `/inspection/lessons?page=${page}`, inspectionPageSchema, asToken(token));

  beforeAll(async () => {
    server = await startServer({ env: { LESSON_MAX_OBSERVERS: '1' } });
    // Three live lessons: two with both rural classrooms, one with 河湾 only (outside 山坪's school admin's scope).
    const classroomSets = [['shanping-4', 'hewan-4-2'], ['shanping-4', 'hewan-4-2'], ['hewan-4-2']];
    for (const [index, classroomIds] of classroomSets.entries()) {
      const lesson = await scheduleLesson({ title: `巡课测试 ${index + 1}`, classroomIds }, server);
      const teacher = await connectClient(server.url, lesson.teacherToken);
      clients.push(teacher);
      await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
      senders.push(await sendFromFfmpeg(teacher.ok, { camera: 'teacher', toneHz: 440 + 220 * index, firstSsrc: 5000 + 10 * index }));
      await teacher.ok({ type: 'setLessonStatus', status: 'live' });
      lessons.push(lesson);
      teachers.push(teacher);
    }
    // A lesson whose teacher is in but has not started (开始上课): not on the grid.
    waiting = await scheduleLesson({ title: '还没开始' }, server);
    const waitingTeacher = await connectClient(server.url, waiting.teacherToken);
    clients.push(waitingTeacher);
    await waitingTeacher.ok({ type: 'joinLesson', lessonId: waiting.lessonId, role: 'teacher' });
    // A classroom of the first lesson, whose notices are checked for any trace of the inspector.
    const { classroomId, token } = lessons[0]!.classrooms[0]!;
    classroom = await connectClient(server.url, token);
    clients.push(classroom);
    await classroom.ok({ type: 'joinLesson', lessonId: lessons[0]!.lessonId, role: 'classroom', classroomId });
  }, 90_000);

  afterAll(async () => {
    for (const sender of senders) await sender.stop();
    for (const link of links) await link.close().catch(() => undefined);
    for (const client of clients) client.close();
    await server?.stop();
  });

  it('lists the live lessons in scope, longest running first, and refuses anyone else', async () => {
    const bureau = await grid(await adminToken(server));
    expect(bureau.lessons.map((l) => l.lessonId)).toEqual(lessons.map((l) => l.lessonId));
    expect(bureau.total).toBe(3);
    expect(bureau.pageSize).toBe(INSPECTION_PAGE_SIZE);
    expect(bureau.lessons[0]).toMatchObject({ title: '巡课测试 1', classroomsExpected: 2, classroomsPresent: 1, hostSchoolName: expect.any(String) });
    expect(bureau.lessons[0]!.startedAt).toBeGreaterThan(Date.now() - 120_000);
    expect(bureau.lessons.map((l) => l.lessonId)).not.toContain(waiting.lessonId);
    // A page past the end is empty, not an error.
    expect((await grid(await adminToken(server), 2)).lessons).toEqual([]);

    const shanpingAdmin = await createPerson({ role: 'schoolAdmin', schoolId: 'shanping' }, server);
    const school = await grid((await signIn(server.url, shanpingAdmin.login, shanpingAdmin.password)).accessToken);
    expect(school.lessons.map((l) => l.lessonId)).toEqual([lessons[0]!.lessonId, lessons[1]!.lessonId]);

    for (const token of [lessons[0]!.teacherToken, lessons[0]!.classrooms[0]!.token]) {
      await expect(grid(token)).rejects.toMatchObject({ status: 403, code: ErrorCode.Forbidden });
    }
    await expect(apiCall(server.url, '/inspection/lessons?page=0', inspectionPageSchema, asToken(await adminToken(server)))).rejects.toMatchObject({ status: 400 });
  });

  it('watches a lesson unseen: in no list, notice, count or feed, outside the observers’ cap', async () => {
    const lesson = lessons[0]!;
    const feed = await followLesson(lesson.lessonId, server);
    // The observers' one place is taken: the inspector has places of her own.
    const guest = await createGuestLink(lesson.lessonId, lesson.teacherToken, server);
    const observer = await connectClient(server.url, await guestToken(guest.credential, server));
    clients.push(observer);
    await observer.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'observer' });
    const from = { teacher: teachers[0]!.notices.length, classroom: classroom.notices.length, observer: observer.notices.length };

    const inspector = await connectClient(server.url, await adminToken(server));
    clients.push(inspector);
    const joined = await inspector.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'inspector' });
    const id = joined.self.id;
    expect(joined.self.role).toBe('inspector');
    expect(id).toMatch(/^inspector:/);
    expect(joined.tracks.map((t) => t.producerId).sort()).toEqual([senders[0]!.cameraId, senders[0]!.microphoneId].sort());
    const { link, received, consumers } = await receiveLight(inspector.ok, joined, [senders[0]!.cameraId, senders[0]!.microphoneId], 'tile');
    links.push(link);
    await until('the inspector receives the lesson’s picture and sound', () => received.get(senders[0]!.cameraId)!.total > 5_000 && received.get(senders[0]!.microphoneId)!.total > 500, 20_000);

    // Nobody's list shows her: not the teacher's observer list (which shows the observer), not the live view.
    const listed = await teachers[0]!.ok<{ observers: Participant[] }>({ type: 'listObservers' });
    expect(listed.observers.map((p) => p.role)).toEqual(['observer']);
    expect((await liveLesson(lesson.lessonId, server)).participants.map((p) => p.id)).not.toContain(id);
    // She cannot send anything into the lesson.
    expect(await inspector.send({ type: 'sendChat', text: '你好' })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    expect(await inspector.send({ type: 'raiseHand' })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });

    // Her sound is paused at the SFU unless she places it 'main' (the tile selected).
    const microphone = consumers.find((c) => c.kind === 'audio')!;
    await inspector.ok({ type: 'setConsumerPlace', consumerId: microphone.id, place: 'hidden' });
    await new Promise((r) => setTimeout(r, 500));
    const hiddenFrom = received.get(senders[0]!.microphoneId)!.total;
    await new Promise((r) => setTimeout(r, 1500));
    expect(received.get(senders[0]!.microphoneId)!.total - hiddenFrom).toBe(0);
    await inspector.ok({ type: 'setConsumerPlace', consumerId: microphone.id, place: 'main' });
    await until('her sound is heard again', () => received.get(senders[0]!.microphoneId)!.total > hiddenFrom + 1000, 10_000);
    // A sound has no place on screen other than heard or not.
    expect(await inspector.send({ type: 'setConsumerPlace', consumerId: microphone.id, place: 'tile' })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });

    inspector.close();
    await new Promise((r) => setTimeout(r, 1500));
    expect(JSON.stringify(teachers[0]!.notices.slice(from.teacher))).not.toContain(id);
    expect(JSON.stringify(classroom.notices.slice(from.classroom))).not.toContain(id);
    expect(JSON.stringify(observer.notices.slice(from.observer))).not.toContain(id);
    expect(JSON.stringify(feed.events)).not.toContain(id);
    feed.close();
  }, 60_000);

  it('may inspect only in scope', async () => {
    const hewanOnly = lessons[2]!;
    const shanpingAdmin = await createPerson({ role: 'schoolAdmin', schoolId: 'shanping' }, server);
    const client = await connectClient(server.url, (await signIn(server.url, shanpingAdmin.login, shanpingAdmin.password)).accessToken);
    clients.push(client);
    expect(await client.send({ type: 'joinLesson', lessonId: hewanOnly.lessonId, role: 'inspector' })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    expect(await client.send({ type: 'joinLesson', lessonId: lessons[0]!.lessonId, role: 'inspector' })).toMatchObject({ ok: true });
    // A teacher is no inspector, not even of her own lesson.
    const teacher = await connectClient(server.url, lessons[1]!.teacherToken);
    clients.push(teacher);
    expect(await teacher.send({ type: 'joinLesson', lessonId: lessons[1]!.lessonId, role: 'inspector' })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
  });

  it('keeps inspection notes stamped by the server, for inspectors only', async () => {
    const lesson = lessons[1]!;
    const path = `/lessons/${lesson.lessonId}/inspection-notes`;
    const admin = await adminToken(server);
    const before = Date.now();
    const note = await apiCall(server.url, path, inspectionNoteSchema, { token: admin, body: { text: '课堂秩序良好，学生互动积极' } });
    expect(note.at).toBeGreaterThanOrEqual(before);
    expect(note.at).toBeLessThanOrEqual(Date.now());
    expect(note.lessonMs).toBeGreaterThanOrEqual(0);
    expect(note.authorName).not.toBe('');
    expect(await apiCall(server.url, path, z.array(inspectionNoteSchema), { token: admin })).toEqual([note]);

    for (const body of [{ text: '   ' }, { text: 'x'.repeat(1001) }, { text: '好', at: 5 }]) {
      await expect(apiCall(server.url, path, inspectionNoteSchema, { token: admin, body })).rejects.toMatchObject({ status: 400 });
    }
    // The lesson's own teacher neither reads nor writes them.
    await expect(apiCall(server.url, path, z.array(inspectionNoteSchema), { token: lesson.teacherToken })).rejects.toBeInstanceOf(AdminApiError);
    await expect(apiCall(server.url, path, inspectionNoteSchema, { token: lesson.teacherToken, body: { text: '我也写' } })).rejects.toMatchObject({ status: 403 });
    expect(await apiCall(server.url, path, z.array(inspectionNoteSchema), { token: admin })).toHaveLength(1);
  });
});
