import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, MAX_QUESTION_LENGTH, signedInSchema, type JoinedLesson, type ServerNotice, type ViewerQuestion } from '@shared';
import { apiCall, registerTerminal, terminalToken } from '../../testkit/adminApi.js';
import { rehearsingBroadcast, type RehearsingBroadcast } from '../../testkit/broadcasts.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, type RawClient } from './support/signallingClient.js';
import { until } from './support/until.js';

/*
 * 观众提问 against a real server and Redis: a viewer's question reaches the
 * teacher alone; nobody else reads it until she shows it, and then everyone
 * does; closed questions, hostile text and a flood are refused and change
 * nothing; a page that comes back sees the questions as they are, and a
 * viewer's page never the waiting list.
 */
describe('viewers’ questions (观众提问), moderated by the teacher', () => {
  let server: ServerProcess;
  let broadcast: RehearsingBroadcast;
  let teacher: RawClient;
  let classroom: RawClient;
  let asker: RawClient;
  let other: RawClient;
  let key: string;
  const clients: RawClient[] = [];

  const viewer = async (): Promise<{ client: RawClient; joined: JoinedLesson }> => {
    const signed = await apiCall(server.url, '/auth/broadcast', signedInSchema, { body: { key } });
    const client = await connectClient(server.url, signed.accessToken);
    clients.push(client);
    return { client, joined: await client.ok<JoinedLesson>({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'viewer' }) };
  };
  const texts = (notices: ServerNotice[]): string => JSON.stringify(notices);

  beforeAll(async () => {
    server = await startServer();
    broadcast = await rehearsingBroadcast(server, '名师课：分数的意义');
    key = new URL((await broadcast.output()).watchUrl).pathname.split('/').at(-1)!;
    teacher = await connectClient(server.url, broadcast.teacher);
    clients.push(teacher);
    await teacher.ok({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'teacher' });
    await broadcast.step(broadcast.teacher, 'live');
    const terminal = await registerTerminal('shanping-4', server);
    classroom = await connectClient(server.url, await terminalToken(terminal.credential, server));
    clients.push(classroom);
    await classroom.ok({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'classroom', classroomId: 'shanping-4' });
    asker = (await viewer()).client;
    other = (await viewer()).client;
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.stop();
  });

  it('refuses questions until the teacher opens them, and refuses them to anyone but a viewer', async () => {
    expect(await asker.send({ type: 'askQuestion', text: '老师好' })).toMatchObject({ ok: false, error: { code: ErrorCode.QuestionsClosed } });
    expect(await classroom.send({ type: 'askQuestion', text: '老师好' })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    expect(await asker.send({ type: 'setQuestionsOpen', open: true })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    expect(await asker.send({ type: 'showQuestion', questionId: null })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    expect(teacher.notices.some((n) => n.type === 'questionAsked')).toBe(false);

    const fromViewer = other.notices.length;
    await teacher.ok({ type: 'setQuestionsOpen', open: true });
    expect((await other.notice('questionsSettings', fromViewer)).open).toBe(true);
  });

  it('gives a question to the teacher alone, and shows it to everyone only when she picks it', async () => {
    const from = { teacher: teacher.notices.length, classroom: classroom.notices.length, other: other.notices.length };
    const first = await asker.ok<ViewerQuestion>({ type: 'askQuestion', text: '  老师，为什么分母不能是零？  ' });
    expect(first.text).toBe('老师，为什么分母不能是零？');
    const second = await asker.ok<ViewerQuestion>({ type: 'askQuestion', text: '能再讲一遍例题吗' });
    expect((await teacher.notice('questionAsked', from.teacher)).question).toEqual(first);
    await until('the teacher has both', () => teacher.notices.slice(from.teacher).filter((n) => n.type === 'questionAsked').length === 2, 10_000);
    // Unshown, a question is nobody else's to read: not the classroom's, not another viewer's.
    expect(texts(classroom.notices.slice(from.classroom))).not.toContain('分母');
    expect(texts(other.notices.slice(from.other))).not.toContain('分母');

    await teacher.ok({ type: 'showQuestion', questionId: first.id });
    expect((await classroom.notice('questionShown', from.classroom)).question).toEqual(first);
    expect((await other.notice('questionShown', from.other)).question).toEqual(first);
    expect((await teacher.notice('questionRemoved', from.teacher)).questionId).toBe(first.id);
    // Shown once: it is no longer waiting.
    expect(await teacher.send({ type: 'showQuestion', questionId: first.id })).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    expect(texts(classroom.notices.slice(from.classroom))).not.toContain('例题');

    // A page that comes back sees it as it is: the classroom the shown one, the teacher the one still waiting.
    const again = await connectClient(server.url, broadcast.teacher);
    clients.push(again);
    const rejoined = await again.ok<JoinedLesson>({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'teacher' });
    teacher = again;
    expect(rejoined.interaction.questions).toEqual({ open: true, shown: first, waiting: [second] });
    const { joined: viewerSees } = await viewer();
    expect(viewerSees.interaction.questions).toEqual({ open: true, shown: first, waiting: [] });

    // Dismissed: gone from the teacher's list, never shown; taken down: off every screen.
    const fromClassroom = classroom.notices.length;
    await teacher.ok({ type: 'dismissQuestion', questionId: second.id });
    expect(await teacher.send({ type: 'dismissQuestion', questionId: second.id })).toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
    await teacher.ok({ type: 'showQuestion', questionId: null });
    expect((await classroom.notice('questionShown', fromClassroom)).question).toBeNull();
    expect(texts(classroom.notices.slice(fromClassroom))).not.toContain('例题');
    const { joined: later } = await viewer();
    expect(later.interaction.questions).toEqual({ open: true, shown: null, waiting: [] });
  });

  it('refuses hostile text and a flood, storing nothing of them', async () => {
    const from = teacher.notices.length;
    const fresh = (await viewer()).client;
    for (const text of ['', '   ', 'x'.repeat(MAX_QUESTION_LENGTH + 1)]) {
      expect(await fresh.send({ type: 'askQuestion', text })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    }
    expect(await fresh.send({ type: 'askQuestion', text: '问', extra: 1 })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    // Markup is kept as text: pages render it as text, never as HTML.
    const markup = await fresh.ok<ViewerQuestion>({ type: 'askQuestion', text: '<img src=x onerror=alert(1)>' });
    expect(markup.text).toBe('<img src=x onerror=alert(1)>');
    await fresh.ok({ type: 'askQuestion', text: '第二个问题' });
    expect(await fresh.send({ type: 'askQuestion', text: '第三个问题' })).toMatchObject({ ok: false, error: { code: ErrorCode.RateLimited } });
    await until('the teacher has the two allowed', () => teacher.notices.slice(from).filter((n) => n.type === 'questionAsked').length === 2, 10_000);
    const rejoined = await teacher.ok<JoinedLesson>({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'teacher' });
    expect(rejoined.interaction.questions.waiting.map((q) => q.text)).toEqual(['<img src=x onerror=alert(1)>', '第二个问题']);

    // Closed again: a viewer is told so, and the closing reached every viewer.
    const fromViewer = fresh.notices.length;
    await teacher.ok({ type: 'setQuestionsOpen', open: false });
    expect((await fresh.notice('questionsSettings', fromViewer)).open).toBe(false);
    expect(await other.send({ type: 'askQuestion', text: '还能问吗' })).toMatchObject({ ok: false, error: { code: ErrorCode.QuestionsClosed } });
  });
});
