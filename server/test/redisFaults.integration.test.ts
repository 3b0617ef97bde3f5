import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Ack, type JoinedLesson } from '@shared';
import { freeLoopbackPort } from '../src/redis/freePort.js';
import { isRunning, readOwnRedis } from '../src/redis/ownRedisFile.js';
import { liveLesson, scheduleLesson, type ScheduledLesson } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { externalRedis, type ExternalRedis } from '../../testkit/externalRedis.js';
import { connectClient, type RawClient } from './support/signallingClient.js';

/*
 * Redis goes away under a running lesson — the server's own redis-server
 * killed with SIGKILL, or an external Redis shut down and started again.
 * Requests in the outage answer UNAVAILABLE promptly (never hang), /healthz
 * says 503, every page is told; afterwards what was acknowledged before (a
 * raised hand, a chat message, a floor grant) is all there.
 */

/** Replies in an outage come at once; this bound only allows for a loaded 2-core machine. */
const PROMPT_MS = 1500;

interface Classroom {
  lesson: ScheduledLesson;
  teacher: RawClient;
  /** Raised its hand before the outage. */
  hand: RawClient;
  /** Was granted the floor before the outage. */
  speaker: RawClient;
  chatId: string;
}

async function lessonWithState(server: ServerProcess): Promise<Classroom> {
  const lesson = await scheduleLesson({}, server);
  const join = async (role: 'teacher' | 'classroom', index = 0): Promise<RawClient> => {
    const classroom = lesson.classrooms[index]!;
    const client = await connectClient(server.url, role === 'teacher' ? lesson.teacherToken : classroom.token);
    await client.ok<JoinedLesson>(
      role === 'teacher'
        ? { type: 'joinLesson', lessonId: lesson.lessonId, role }
        : { type: 'joinLesson', lessonId: lesson.lessonId, role, classroomId: classroom.classroomId },
    );
    return client;
  };
  const teacher = await join('teacher');
  const hand = await join('classroom', 0);
  const speaker = await join('classroom', 1);
  await hand.ok({ type: 'raiseHand', studentName: '小红' });
  const { id: chatId } = await teacher.ok<{ id: string }>({ type: 'sendChat', text: '请翻到第十页' });
  await teacher.ok({ type: 'grantFloor', participantId: `classroom:${lesson.classrooms[1]!.classroomId}` });
  return { lesson, teacher, hand, speaker, chatId };
}

const healthStatus = (server: ServerProcess): Promise<number> => fetch(`${server.url}/healthz`).then((r) => r.status);

/** Sends a request and measures how long its reply took. */
async function timed(send: () => Promise<Ack<unknown>>): Promise<{ reply: Ack<unknown>; ms: number }> {
  const sentAt = performance.now();
  const reply = await send();
  return { reply, ms: Math.round(performance.now() - sentAt) };
}

/** What a user sees while Redis is away: prompt UNAVAILABLE replies, /healthz 503, a notice to every page. */
async function expectOutage(server: ServerProcess, c: Classroom, noticesFrom: number[]): Promise<number[]> {
  const attempts = [
    () => c.hand.send({ type: 'sendChat', text: '老师，听得见吗' }),
    () => c.speaker.send({ type: 'raiseHand' }),
    () => c.teacher.send({ type: 'grantFloor', participantId: `classroom:${c.lesson.classrooms[0]!.classroomId}` }),
  ];
  const latencies: number[] = [];
  for (const attempt of attempts) {
    const { reply, ms } = await timed(attempt);
    expect(reply).toMatchObject({ ok: false, error: { code: ErrorCode.Unavailable } });
    expect(ms).toBeLessThan(PROMPT_MS);
    latencies.push(ms);
  }
  expect(await healthStatus(server)).toBe(503);
  for (const [i, client] of pages(c).entries()) {
    expect(await client.notice('liveStateChanged', noticesFrom[i], PROMPT_MS)).toEqual({ type: 'liveStateChanged', available: false });
  }
  return latencies;
}

/** After Redis is back: every page is told, /healthz is 200, and the hand, the chat message and the floor are as acknowledged. */
async function expectRecovered(server: ServerProcess, c: Classroom, noticesFrom: number[]): Promise<void> {
  for (const [i, client] of pages(c).entries()) {
    const down = noticesFrom[i]! + client.notices.slice(noticesFrom[i]).findIndex((n) => n.type === 'liveStateChanged');
    expect(await client.notice('liveStateChanged', down + 1, 15_000)).toEqual({ type: 'liveStateChanged', available: true });
  }
  expect(await healthStatus(server)).toBe(200);
  const live = await liveLesson(c.lesson.lessonId, server);
  expect(live.hands.map((h) => [h.participantId, h.studentName])).toEqual([[`classroom:${c.lesson.classrooms[0]!.classroomId}`, '小红']]);
  expect(live.floor.holders).toEqual([`classroom:${c.lesson.classrooms[1]!.classroomId}`]);
  // A page that reloads now sees the chat message sent before the outage.
  const again = await c.hand.ok<JoinedLesson>({
    type: 'joinLesson', lessonId: c.lesson.lessonId, role: 'classroom', classroomId: c.lesson.classrooms[0]!.classroomId,
  });
  expect(again.interaction.chat.history.map((m) => m.id)).toContain(c.chatId);
  expect(await c.hand.send({ type: 'sendChat', text: '听得见' })).toMatchObject({ ok: true });
}

const pages = (c: Classroom): RawClient[] => [c.teacher, c.hand, c.speaker];
/** Where each page's notices stand now, to look only at what comes after. */
const noticeMarks = (c: Classroom): number[] => pages(c).map((client) => client.notices.length);
const closeAll = (c: Classroom | undefined): void => {
  for (const client of c ? pages(c) : []) client.close();
};

describe('the server’s own redis-server is killed', () => {
  let server: ServerProcess;
  let classroom: Classroom;

  beforeAll(async () => {
    server = await startServer();
    classroom = await lessonWithState(server);
  });

  afterAll(async () => {
    closeAll(classroom);
    await server?.stop();
  });

  it('is restarted on its AOF: requests in the outage get UNAVAILABLE at once and nothing acknowledged is lost', async () => {
    const own = readOwnRedis(server.dataDir)!;
    const from = noticeMarks(classroom);
    process.kill(own.pid, 'SIGKILL');
    const latencies = await expectOutage(server, classroom, from);
    await expectRecovered(server, classroom, from);
    const restarted = readOwnRedis(server.dataDir)!;
    expect(restarted.port).toBe(own.port);
    expect(restarted.pid).not.toBe(own.pid);
    console.log(`own Redis killed: UNAVAILABLE replies in ${latencies.join(', ')} ms`);
  });

  it('a server that was SIGKILLed leaves its redis-server behind; the next start stops it and runs one on the same AOF', async () => {
    const orphan = readOwnRedis(server.dataDir)!;
    closeAll(classroom);
    const exited = new Promise((done) => server.child.once('exit', done));
    server.child.kill('SIGKILL');
    await exited;
    expect(isRunning(orphan.pid)).toBe(true);
    server = await startServer({ dataDir: server.dataDir });
    expect(isRunning(orphan.pid)).toBe(false);
    expect(server.output()).toContain('stopped the redis-server a previous run left behind');
    const live = await liveLesson(classroom.lesson.lessonId, server);
    expect(live.hands).toHaveLength(1);
    expect(live.floor.holders).toHaveLength(1);
  });
});

describe('an external Redis restarts', () => {
  let redis: ExternalRedis;
  let server: ServerProcess;
  let classroom: Classroom;

  beforeAll(async () => {
    redis = await externalRedis(await freeLoopbackPort(), mkdtempSync(join(tmpdir(), 'tongtang-redis-')));
    server = await startServer({ env: { REDIS_URL: redis.url } });
    classroom = await lessonWithState(server);
  });

  afterAll(async () => {
    closeAll(classroom);
    await server?.stop();
    await redis?.shutdown();
  });

  it('requests in the outage get UNAVAILABLE at once; after the restart nothing acknowledged is lost', async () => {
    const from = noticeMarks(classroom);
    await redis.shutdown();
    const latencies = await expectOutage(server, classroom, from);
    // Still down a while later: nothing queues up or hangs meanwhile.
    await new Promise((r) => setTimeout(r, 2000));
    expect((await timed(() => classroom.hand.send({ type: 'raiseHand' }))).ms).toBeLessThan(PROMPT_MS);
    await redis.start();
    await expectRecovered(server, classroom, from);
    console.log(`external Redis shut down: UNAVAILABLE replies in ${latencies.join(', ')} ms`);
  });
});
