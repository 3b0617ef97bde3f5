import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinedLesson, TransportOptions } from '@shared';
import { createGuestLink, guestToken, scheduleLesson, type ScheduledLesson } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { parseMetrics, sample, type MetricFamily } from './support/prometheusText.js';
import { clientPool, opusRtpParameters } from './support/signallingClient.js';

/*
 * Test 4 of the operations issue: `/metrics` parses as Prometheus text (read
 * strictly, see prometheusText.ts), and its lesson and participant counts
 * follow a lesson as it opens, starts, fills, empties and ends, as do the
 * worker's own counts of its producers and consumers, read from a real
 * server with a real media worker and Redis. The metrics are for this
 * machine's Prometheus only: a request a proxy forwarded is refused, and so
 * is one without the token when a token is set.
 */
describe('/metrics', () => {
  let server: ServerProcess;
  let lesson: ScheduledLesson;
  const clients = clientPool(() => server.url);

  const scrape = async (): Promise<Map<string, MetricFamily>> => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseMetrics(await response.text());
  };
  const counts = async (): Promise<{ lessons: Record<string, number | undefined>; participants: Record<string, number | undefined> }> => {
    const families = await scrape();
    const of = (name: string, label: string, values: string[]) => Object.fromEntries(values.map((v) => [v, sample(families, name, { [label]: v })]));
    return { lessons: of('tongtang_lessons', 'status', ['waiting', 'live', 'ended']), participants: of('tongtang_participants', 'role', ['teacher', 'classroom', 'observer', 'inspector']) };
  };

  beforeAll(async () => {
    server = await startServer();
    lesson = await scheduleLesson({}, server);
  });
  afterAll(async () => {
    clients.closeAll();
    await server?.stop();
  });

  it('parses as Prometheus text, with the process, worker and job families beside the lessons', async () => {
    const families = await scrape();
    for (const name of ['process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes', 'tongtang_worker_cpu_seconds_total', 'tongtang_worker_consumers', 'tongtang_pipe_transports', 'tongtang_recording_jobs', 'tongtang_webhook_deliveries', 'tongtang_latency_probe_ms']) {
      expect(families.has(name), name).toBe(true);
    }
    expect(families.get('tongtang_worker_cpu_seconds_total')?.type).toBe('counter');
    expect(sample(families, 'tongtang_worker_cpu_seconds_total', { worker: '0', mode: 'user' })).toBeGreaterThan(0);
    expect(sample(families, 'tongtang_pipe_transports', { worker: '0' })).toBe(0);
    expect(sample(families, 'tongtang_webhook_deliveries', { status: 'failed' })).toBe(0);
    // One server, alone on its own Redis.
    expect(sample(families, 'tongtang_servers_alive', {})).toBe(1);
  });

  it('counts the lesson and its participants by role as it starts and fills, and back down as it empties and ends', async () => {
    expect(await counts()).toEqual({ lessons: { waiting: 0, live: 0, ended: 0 }, participants: { teacher: 0, classroom: 0, observer: 0, inspector: 0 } });

    const teacher = await clients.connect(lesson.teacherToken);
    await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    expect(await counts()).toEqual({ lessons: { waiting: 1, live: 0, ended: 0 }, participants: { teacher: 1, classroom: 0, observer: 0, inspector: 0 } });
    expect(sample(await scrape(), 'tongtang_worker_routers', { worker: '0' })).toBe(1);

    await teacher.ok({ type: 'setLessonStatus', status: 'live' });
    const send = await teacher.ok<TransportOptions>({ type: 'createTransport', direction: 'send' });
    const { producerId } = await teacher.ok<{ producerId: string }>({ type: 'produce', transportId: send.id, kind: 'audio', source: 'teacherMic', rtpParameters: opusRtpParameters(7101) as never });
    const classrooms = [];
    for (const { classroomId, token } of lesson.classrooms) {
      const classroom = await clients.connect(token);
      const joined = await classroom.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId });
      classrooms.push(classroom);
      if (classrooms.length > 1) continue;
      // The first classroom hears the teacher: one consumer on the worker.
      await classroom.ok({ type: 'declareCapabilities', rtpCapabilities: joined.routerRtpCapabilities });
      await classroom.ok({ type: 'createTransport', direction: 'recv' });
      await classroom.ok({ type: 'consume', producerId });
    }
    const media = await scrape();
    expect([sample(media, 'tongtang_worker_producers', { worker: '0' }), sample(media, 'tongtang_worker_consumers', { worker: '0' }), sample(media, 'tongtang_worker_transports', { worker: '0' })]).toEqual([1, 1, 2]);
    const link = await createGuestLink(lesson.lessonId, lesson.teacherToken, server);
    const observer = await clients.connect(await guestToken(link.credential, server));
    await observer.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'observer' });
    expect(await counts()).toEqual({ lessons: { waiting: 0, live: 1, ended: 0 }, participants: { teacher: 1, classroom: 2, observer: 1, inspector: 0 } });

    await classrooms[0]!.ok({ type: 'leaveLesson' });
    await observer.ok({ type: 'leaveLesson' });
    expect((await counts()).participants).toEqual({ teacher: 1, classroom: 1, observer: 0, inspector: 0 });
    expect(sample(await scrape(), 'tongtang_worker_consumers', { worker: '0' })).toBe(0);

    await teacher.ok({ type: 'setLessonStatus', status: 'ended' });
    expect((await counts()).lessons).toEqual({ waiting: 0, live: 0, ended: 1 });

    await classrooms[1]!.ok({ type: 'leaveLesson' });
    await teacher.ok({ type: 'leaveLesson' });
    // Nobody left in it: the lesson closes, and its router with it.
    await expect.poll(counts).toEqual({ lessons: { waiting: 0, live: 0, ended: 0 }, participants: { teacher: 0, classroom: 0, observer: 0, inspector: 0 } });
    expect(sample(await scrape(), 'tongtang_worker_routers', { worker: '0' })).toBe(0);
  });

  it('refuses a request a proxy forwarded, which TRUST_PROXY does not name', async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('tongtang_lessons');
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const token = 'metrics-token-for-the-test-0123456789';
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer({ env: { METRICS_TOKEN: token } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers only a scrape that sends the token, even from this machine', async () => {
    const without = await fetch(`${server.url}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toBe('Bearer');
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token-wrong-token' } })).status).toBe(401);
    const scraped = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(scraped.status).toBe(200);
    expect(sample(parseMetrics(await scraped.text()), 'tongtang_lessons', { status: 'live' })).toBe(0);
  });
});
