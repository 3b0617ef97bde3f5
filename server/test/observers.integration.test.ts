import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, lessonCommentSchema, type JoinedLesson, type LessonComment, type Participant } from '@shared';
import { AdminApiError, apiCall, createGuestLink, guestToken, liveLesson, scheduleLesson, type ScheduledLesson } from '../../testkit/adminApi.js';
import { followLesson } from '../../testkit/lessonEvents.js';
import { receiveLight, sendSyntheticCamera } from '../../testkit/light/lightParticipant.js';
import type { MediasoupLink } from '../../testkit/light/mediasoupLink.js';
import type { SyntheticCamera } from '../../testkit/light/syntheticCamera.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, type RawClient } from './support/signallingClient.js';
import { until } from './support/until.js';


/*
 * 听课: observers are in the lesson for its media, and nowhere else. No
 * participant list, join or leave notice, reconnection notice or count of
 * the teacher's or a classroom's shows them; only the teacher's observer
 * list does. They receive the lesson's media (light WebRTC clients over real
 * DTLS/SRTP here), an enlarged picture of theirs never makes a sender encode
 * more, and they have their own cap, which never keeps a classroom out.
 */
describe('hidden observers', () => {
  let server: ServerProcess;
  let lesson: ScheduledLesson;
  let teacher: RawClient;
  let classroom: RawClient;
  let camera: SyntheticCamera;
  const clients: RawClient[] = [];
  const links: MediasoupLink[] = [];
  let cameraId: string;

  const observerJoins = async (): Promise<{ client: RawClient; joined: JoinedLesson }> => {
    const link = await createGuestLink(lesson.lessonId, lesson.teacherToken, server);
    const client = await connectClient(server.url, await guestToken(link.credential, server));
    clients.push(client);
    const joined = await client.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'observer' });
    return { client, joined };
  };
  const mentions = (client: RawClient, id: string): boolean => JSON.stringify(client.notices).includes(id);

  beforeAll(async () => {
    server = await startServer({ env: { LESSON_MAX_OBSERVERS: '3', LESSON_MAX_PARTICIPANTS: '3' } });
    lesson = await scheduleLesson({}, server);
    teacher = await connectClient(server.url, lesson.teacherToken);
    clients.push(teacher);
    await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    const sent = await sendSyntheticCamera(teacher.ok, 'teacher', [100_000, 200_000, 300_000], 7000);
    camera = sent.camera;
    cameraId = sent.producerId;
    links.push(sent.link);
    const { classroomId, token } = lesson.classrooms[0]!;
    classroom = await connectClient(server.url, token);
    clients.push(classroom);
    const joined = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId });
    const received = await receiveLight(classroom.ok, joined, [cameraId], 'tile');
    links.push(received.link);
  }, 60_000);

  afterAll(async () => {
    camera?.stop();
    for (const link of links) await link.close().catch(() => undefined);
    for (const client of clients) client.close();
    await server?.stop();
  });

  it('receives the lesson’s media while no list, notice or count of the others shows it', async () => {
    // The admin's live view and event feed of the lesson show it as the teacher sees it.
    const feed = await followLesson(lesson.lessonId, server);
    const { client: observer, joined } = await observerJoins();
    const id = joined.self.id;
    expect(joined.self.role).toBe('observer');
    expect(joined.participants.map((p) => p.id).sort()).toEqual([`classroom:${lesson.classrooms[0]!.classroomId}`, 'teacher']);
    expect(joined.tracks.map((t) => t.producerId)).toContain(cameraId);
    const { link, received } = await receiveLight(observer.ok, joined, [cameraId], 'main');
    links.push(link);
    await until('the observer receives the teacher’s camera', () => received.get(cameraId)!.total > 20_000, 15_000);
    expect((await liveLesson(lesson.lessonId, server)).participants.map((p) => p.id)).not.toContain(id);

    // A classroom that joins now does not see it either.
    const { classroomId, token } = lesson.classrooms[1]!;
    const late = await connectClient(server.url, token);
    clients.push(late);
    const lateJoined = await late.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId });
    expect(lateJoined.participants.map((p) => p.id)).not.toContain(id);

    // Only the teacher's observer list names it; a classroom may not ask.
    const listed = await teacher.ok<{ observers: Participant[] }>({ type: 'listObservers' });
    expect(listed.observers.map((p) => p.id)).toEqual([id]);
    expect(await classroom.send({ type: 'listObservers' })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });

    // Its network goes (its place is kept for a while), then it leaves: still nothing about it anywhere.
    observer.drop();
    await new Promise((r) => setTimeout(r, 1500));
    for (const other of [teacher, classroom, late]) expect(mentions(other, id)).toBe(false);
    expect((await liveLesson(lesson.lessonId, server)).participants.map((p) => p.id)).not.toContain(id);
    expect(feed.since('participantjoined', 0).map((e) => e.participant.id)).toContain(`classroom:${classroomId}`);
    expect(JSON.stringify(feed.events)).not.toContain(id);
    feed.close();
    late.close();
  }, 60_000);

  it('never makes a sender encode more by enlarging a picture', async () => {
    const from = teacher.notices.length;
    const { client: observer, joined } = await observerJoins();
    const { link, consumers } = await receiveLight(observer.ok, joined, [cameraId], 'tile');
    links.push(link);
    await observer.ok({ type: 'setConsumerPlace', consumerId: consumers[0]!.id, place: 'main' });
    await new Promise((r) => setTimeout(r, 2500));
    // The classroom shows the camera as a tile: the teacher is never told to encode more than the lowest layer.
    const told = teacher.notices.slice(from).flatMap((n) => (n.type === 'sendLayers' && n.producerId === cameraId ? [n.maxSpatialLayer] : []));
    expect(told.filter((layer) => layer > 0)).toEqual([]);
    observer.close();
  }, 60_000);

  it('has its own cap, which never keeps a classroom out', async () => {
    // The first test's observer may still hold its place (its network dropped); fill up to the cap.
    const observers: Array<{ client: RawClient }> = [];
    while ((await teacher.ok<{ observers: Participant[] }>({ type: 'listObservers' })).observers.length < 3) observers.push(await observerJoins());
    const link = await createGuestLink(lesson.lessonId, lesson.teacherToken, server);
    const fourth = await connectClient(server.url, await guestToken(link.credential, server));
    clients.push(fourth);
    expect(await fourth.send({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'observer' })).toMatchObject({ ok: false, error: { code: ErrorCode.LessonFull } });
    // Teacher + 1 classroom in, 3 observers in: the second classroom still gets its place (LESSON_MAX_PARTICIPANTS=3).
    const { classroomId, token } = lesson.classrooms[1]!;
    const again = await connectClient(server.url, token);
    clients.push(again);
    expect(await again.send({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId })).toMatchObject({ ok: true });
    for (const { client } of observers) client.close();
  }, 60_000);

  it('keeps observers’ comments stamped with the lesson’s moment; the teacher reads them afterwards or, if she chooses, as they come', async () => {
    await teacher.ok({ type: 'setLessonStatus', status: 'live' });
    const startedAt = Date.now();
    const { client: observer } = await observerJoins();
    const from = teacher.notices.length;
    const first = await observer.ok<LessonComment>({ type: 'addComment', text: '导入部分很自然' });
    expect(first.during).toBe('live');
    expect(Math.abs(first.at - Date.now())).toBeLessThan(2000);
    expect(first.lessonMs).toBeGreaterThanOrEqual(0);
    expect(first.lessonMs!).toBeLessThan(Date.now() - startedAt + 2000);
    await new Promise((r) => setTimeout(r, 500));
    expect(teacher.notices.slice(from).some((n) => n.type === 'commentAdded')).toBe(false);

    // She chooses to read them now: those so far, then each as it comes.
    const live = await teacher.ok<{ comments: LessonComment[] }>({ type: 'setCommentsLive', live: true });
    expect(live.comments.map((c) => c.text)).toEqual(['导入部分很自然']);
    await new Promise((r) => setTimeout(r, 1100));
    const second = await observer.ok<LessonComment>({ type: 'addComment', text: '小组讨论时间偏短' });
    expect((await teacher.notice('commentAdded', from)).comment).toEqual(second);
    expect(second.lessonMs!).toBeGreaterThan(first.lessonMs!);

    // A classroom cannot comment; an empty or overlong text changes nothing.
    expect(await classroom.send({ type: 'addComment', text: '我们也想说' })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    expect(await observer.send({ type: 'addComment', text: '   ' })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(await observer.send({ type: 'addComment', text: '很'.repeat(1001) })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });

    // On the replay: a comment at a moment of the lesson, and one outside it refused.
    const replay = await apiCall(server.url, `/lessons/${lesson.lessonId}/comments`, lessonCommentSchema, { token: lesson.teacherToken, body: { text: '板书清楚', at: startedAt } });
    expect(replay.during).toBe('replay');
    await expect(apiCall(server.url, `/lessons/${lesson.lessonId}/comments`, lessonCommentSchema, { token: lesson.teacherToken, body: { text: '太早', at: startedAt - 60_000 } })).rejects.toThrow(AdminApiError);

    // All of them, in the lesson's order, for the teacher after the lesson and for the replay's markers.
    const all = await apiCall(server.url, `/lessons/${lesson.lessonId}/comments`, lessonCommentSchema.array(), { token: lesson.teacherToken });
    expect(all.map((c) => c.text)).toEqual(['板书清楚', '导入部分很自然', '小组讨论时间偏短']);
    observer.close();
  }, 60_000);
});
