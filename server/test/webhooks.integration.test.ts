import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuedWebhookSchema, webhookDeliverySchema, webhookEnvelopeSchema, webhookHostSchema, type WebhookEvent } from '@shared';
import { AdminApiError, adminToken, apiCall, scheduleLesson } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { verifySignature } from '../src/features/webhooks/signature.js';
import { connectClient, type RawClient } from './support/signallingClient.js';
import { until } from './support/until.js';

/*
 * Test 5 of the bureau issue: a receiver on loopback (allowed for the test)
 * gets each course event signed, and a retry after answering 500; without
 * the allowance the loopback hook is refused, and so are targets resolving
 * to private, link-local and metadata addresses — by the server's stub
 * answers (WEBHOOK_RESOLVE), before any connection. Nothing leaves loopback.
 */

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const stubAnswers = [
  'receiver.test=127.0.0.1',
  'intranet.test=10.20.30.40',
  'cgnat.test=100.72.1.2',
  'linklocal.test=169.254.7.7',
  'meta.test=169.254.169.254',
  'ula.test=fd12::7',
  'mapped.test=::ffff:192.168.0.9',
  // One good answer does not make a bad one acceptable: the connection could use either.
  'mixed.test=8.8.8.8',
  'mixed.test=192.168.1.1',
].join(',');

describe('webhooks (推送)', () => {
  let server: ServerProcess;
  let receiver: Server;
  let port = 0;
  let token = '';
  let connections = 0;
  const received: Received[] = [];
  /** Answers the receiver gives, in turn (then 200). */
  const answers: number[] = [];
  const clients: RawClient[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answers.shift() ?? 200).end('ok');
      });
    });
    receiver.on('connection', () => connections++);
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    port = (receiver.address() as AddressInfo).port;
    server = await startServer({ env: { WEBHOOK_BACKOFF_MS: '300', WEBHOOK_TIMEOUT_MS: '3000', WEBHOOK_MAX_ATTEMPTS: '4', WEBHOOK_RESOLVE: stubAnswers } });
    token = await adminToken(server);
  }, 90_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.stop();
    await new Promise((done) => receiver?.close(done));
  });

  const register = (url: string, events: WebhookEvent[] = ['lesson.scheduled', 'lesson.started', 'lesson.ended', 'recording.ready']) =>
    apiCall(server.url, '/webhooks', issuedWebhookSchema, { token, body: { url, events } });
  const refusal = async (url: string): Promise<string> => {
    const error = await register(url).then(() => null, (e: unknown) => e);
    expect(error, url).toBeInstanceOf(AdminApiError);
    expect((error as AdminApiError).code, url).toBe('BAD_REQUEST');
    return (error as AdminApiError).message;
  };
  const hosts = (path: string, host: string) => apiCall(server.url, `/bureaus/main/webhook-hosts${path}`, z.array(webhookHostSchema), { token, body: { host } });
  const deliveries = (hookId: string) => apiCall(server.url, `/webhooks/${hookId}/deliveries`, z.array(webhookDeliverySchema), { token });

  it('refuses, before any connection, targets on loopback (not allowed yet), private, link-local and metadata addresses', async () => {
    expect(await refusal(`http://127.0.0.1:${port}/hook`)).toMatch(/loopback.*allow the host 127\.0\.0\.1/);
    expect(await refusal(`http://receiver.test:${port}/hook`)).toMatch(/receiver\.test resolves to 127\.0\.0\.1, loopback/);
    expect(await refusal(`http://[::1]:${port}/hook`)).toMatch(/loopback/);
    expect(await refusal('https://intranet.test/hook')).toMatch(/10\.20\.30\.40, a private network/);
    expect(await refusal('https://cgnat.test/hook')).toMatch(/private network/);
    expect(await refusal('https://ula.test/hook')).toMatch(/fd12::7, a private network/);
    expect(await refusal('https://mapped.test/hook')).toMatch(/private network/);
    expect(await refusal('https://mixed.test/hook')).toMatch(/192\.168\.1\.1/);
    expect(await refusal('https://linklocal.test/hook')).toMatch(/link-local/);
    expect(await refusal('https://meta.test/latest/meta-data')).toMatch(/metadata/);
    expect(await refusal('http://169.254.169.254/latest/meta-data')).toMatch(/metadata/);
    expect(await refusal('http://[fd00:ec2::254]/latest/meta-data')).toMatch(/metadata/);
    expect(await refusal('http://metadata.google.internal/computeMetadata/v1/')).toMatch(/metadata service/);
    expect(connections).toBe(0);
    // An allowance opens private and loopback hosts, never a metadata service.
    await hosts('', 'meta.test');
    expect(await refusal('https://meta.test/latest/meta-data')).toMatch(/metadata/);
    await hosts('/delete', 'meta.test');
  });

  it('with the host allowed, pushes each course event signed, and tries again after a 500', async () => {
    expect((await hosts('', '127.0.0.1')).map((h) => h.host)).toEqual(['127.0.0.1']);
    const { webhook, secret } = await register(`http://127.0.0.1:${port}/hook`);
    expect(secret).toMatch(/^whsec_/);
    // The secret is shown once: the list never has it.
    const listed = await apiCall(server.url, '/webhooks', z.array(z.record(z.string(), z.unknown())), { token });
    expect(JSON.stringify(listed)).not.toContain(secret);

    answers.push(500);
    const lesson = await scheduleLesson({ title: '分数的意义', subject: '数学', grade: '五年级' }, server);
    await until('lesson.scheduled delivered after a retry', () => received.length >= 2, 15_000);
    const [first, retry] = received;
    for (const push of [first!, retry!]) {
      expect(verifySignature(secret, push.body, String(push.headers['x-tongtang-signature']))).toBe(true);
      expect(verifySignature('whsec_wrong', push.body, String(push.headers['x-tongtang-signature']))).toBe(false);
    }
    // The same event (id, bytes) both times: the receiver can tell it already has it.
    expect(retry!.body).toBe(first!.body);
    expect(retry!.headers['x-tongtang-event-id']).toBe(first!.headers['x-tongtang-event-id']);
    const scheduled = webhookEnvelopeSchema('lesson.scheduled').parse(JSON.parse(first!.body));
    expect(scheduled.id).toBe(first!.headers['x-tongtang-event-id']);
    expect(scheduled.data.course).toMatchObject({ lessonId: lesson.lessonId, title: '分数的意义', subject: '数学', grade: '五年级', hostSchool: { id: 'chengguan' } });
    expect(scheduled.data.course.schools[0]!.id).toBe('chengguan');
    expect(scheduled.data.course.schools.map((s) => s.id).sort()).toEqual(['chengguan', 'hewan', 'shanping']);

    const teacher = await connectClient(server.url, lesson.teacherToken);
    clients.push(teacher);
    await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    await teacher.ok({ type: 'setLessonStatus', status: 'live' });
    await until('lesson.started', () => received.length >= 3, 10_000);
    const started = webhookEnvelopeSchema('lesson.started').parse(JSON.parse(received[2]!.body));
    expect(started.data.course.lessonId).toBe(lesson.lessonId);
    await teacher.ok({ type: 'setLessonStatus', status: 'ended' });
    await until('lesson.ended', () => received.length >= 4, 10_000);
    const ended = webhookEnvelopeSchema('lesson.ended').parse(JSON.parse(received[3]!.body));
    expect(ended.data.startedAt).toBe(started.data.startedAt);
    expect(ended.data.endedAt).toBeGreaterThanOrEqual(started.data.startedAt);
    for (const push of received) expect(verifySignature(secret, push.body, String(push.headers['x-tongtang-signature']))).toBe(true);

    // The delivery log: the first push took two attempts (500, then 200).
    const log = await deliveries(webhook.id);
    const first500 = log.find((d) => d.event === 'lesson.scheduled')!;
    expect(first500).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
    expect(first500.log.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(first500.log[0]!.address).toBe('127.0.0.1');
    expect(log.filter((d) => d.status === 'delivered')).toHaveLength(3);

    // 重新发送: the same event again, freshly signed.
    await apiCall(server.url, `/webhook-deliveries/${first500.id}/resend`, z.object({}), { token, body: {} });
    await until('sent again', () => received.length >= 5, 10_000);
    expect(received[4]!.headers['x-tongtang-event-id']).toBe(scheduled.id);
    expect(verifySignature(secret, received[4]!.body, String(received[4]!.headers['x-tongtang-signature']))).toBe(true);

    // The allowance withdrawn, the next attempt is refused before connecting (the guard runs at every delivery).
    await hosts('/delete', '127.0.0.1');
    const before = connections;
    await apiCall(server.url, `/webhook-deliveries/${first500.id}/resend`, z.object({}), { token, body: {} });
    let refused = first500;
    for (let tries = 0; tries < 50 && refused.log.length <= 3; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      refused = (await deliveries(webhook.id)).find((d) => d.id === first500.id)!;
    }
    expect(refused.log.at(-1)).toMatchObject({ address: null, statusCode: null });
    expect(refused.log.at(-1)!.error).toMatch(/loopback/);
    expect(connections).toBe(before);
  }, 90_000);
});
