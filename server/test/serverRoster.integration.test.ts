import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../src/redis/freePort.js';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { externalRedis, type ExternalRedis } from '../../testkit/externalRedis.js';
import { serverHealth } from '../../testkit/health.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, type RawClient } from './support/signallingClient.js';
import { eventually } from './support/until.js';

/*
 * Two server processes sharing one Redis (issue 18, several servers): the
 * second one starting clears only what is stale — never the first one's
 * participants —; each notices the other join within a beat; one killed
 * (SIGKILL, no goodbye) is noticed by the other within 10 s, which takes its
 * participants' entries out of Redis.
 */
describe('servers sharing one Redis (the server roster)', () => {
  let redis: ExternalRedis;
  let probe: Redis;
  let first: ServerProcess;
  let second: ServerProcess | null = null;
  let classroom: RawClient;
  let key: string;
  const aliveIds = async (server: ServerProcess) => (await serverHealth(server)).servers.alive.map((s) => s.id);
  const entries = async () => Object.values(await probe.hgetall(key)).map((e) => JSON.parse(e) as { id: string; serverId?: string });

  beforeAll(async () => {
    redis = await externalRedis(await freeLoopbackPort(), mkdtempSync(join(tmpdir(), 'tongtang-redis-')));
    probe = new Redis(redis.url);
    first = await startServer({ env: { REDIS_URL: redis.url, SERVER_ID: 'first' } });
    const lesson = await scheduleLesson({ classroomIds: ['shanping-4'] }, first);
    key = `lesson:${lesson.lessonId}:participants`;
    classroom = await connectClient(first.url, lesson.classrooms[0]!.token);
    await classroom.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId: 'shanping-4' });
  }, 60_000);

  afterAll(async () => {
    classroom?.close();
    await first?.stop();
    await second?.stop();
    probe?.disconnect();
    await redis?.shutdown();
  });

  it('a second server starting keeps the first one’s participants and clears only the dead ones’', async () => {
    expect(await entries()).toEqual([expect.objectContaining({ id: 'classroom:shanping-4', serverId: 'first' })]);
    // Left behind by a server that is no longer alive, and by a version that marked no server: both stale.
    await probe.hset(key, 'classroom:ghost', JSON.stringify({ id: 'classroom:ghost', joinedAt: 1, serverId: 'gone' }));
    await probe.hset(key, 'classroom:old', JSON.stringify({ id: 'classroom:old', joinedAt: 1 }));

    const startedAt = Date.now();
    second = await startServer({ env: { REDIS_URL: redis.url, SERVER_ID: 'second' } });
    expect((await entries()).map((e) => e.id)).toEqual(['classroom:shanping-4']);
    // Each sees the other within a beat or two of the second's start.
    await eventually('the first server sees the second', async () => (await aliveIds(first)).includes('second'), 10_000);
    await eventually('the second server sees the first', async () => (await aliveIds(second!)).includes('first'), 10_000);
    console.log(`[roster] both servers see each other ${Date.now() - startedAt} ms after the second started (its own start included)`);
    expect(await aliveIds(first)).toEqual(['first', 'second']);
    expect(await (await fetch(`${first.url}/metrics`)).text()).toMatch(/^tongtang_servers_alive 2$/m);
  });

  it('a server killed without a goodbye is noticed by the other within 10 s, which clears its participants', async () => {
    process.kill(first.serverPid(), 'SIGKILL');
    const killedAt = Date.now();
    await eventually('the second server no longer lists the first', async () => (await aliveIds(second!)).length === 1, 12_000);
    const noticedMs = Date.now() - killedAt;
    await eventually('its participants are cleared', async () => (await entries()).length === 0, 5_000);
    console.log(`[roster] the killed server noticed gone after ${noticedMs} ms, its participants cleared after ${Date.now() - killedAt} ms`);
    expect(noticedMs).toBeLessThanOrEqual(10_000);
    expect(second!.output()).toMatch(/a server left/);
  });
});
