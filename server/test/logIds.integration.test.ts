import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient } from './support/signallingClient.js';

/*
 * Structured logs an operator can follow (issue 18, operations): each HTTP
 * request has an id, answered in X-Request-Id and carried by the lines
 * logged while serving it; a lesson's signalling lines carry its lesson id.
 */
describe('request and lesson ids in the log', () => {
  let server: ServerProcess;
  const lines = (): Array<Record<string, unknown>> =>
    server.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('keeps a safe request id the caller chose, replaces any other, and logs under it', async () => {
    const chosen = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'proxy-4f2a.17' }, body: '{"login":' });
    expect(chosen.headers.get('x-request-id')).toBe('proxy-4f2a.17');
    const unsafe = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'a b\u00e9<script>' } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => lines().find((line) => line['requestId'] === 'proxy-4f2a.17')).toMatchObject({ msg: 'http request', method: 'POST', path: '/api/auth/login', status: 400 });
  });

  it('logs a lesson’s signalling lines with its lesson id', async () => {
    const lesson = await scheduleLesson({}, server);
    const teacher = await connectClient(server.url, lesson.teacherToken);
    await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    teacher.close();
    await expect.poll(() => lines().find((line) => line['msg'] === 'signalling connection closed' && line['participantId'] === 'teacher')).toMatchObject({ lessonId: lesson.lessonId });
  });
});
