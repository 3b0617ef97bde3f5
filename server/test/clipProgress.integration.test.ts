import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { clipSchema } from '@shared';
import { apiCall, createPerson, scheduleLesson, signIn } from '../../testkit/adminApi.js';
import { recordWithoutMedia } from '../../testkit/library.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { testPatternDirectedView } from '../../testkit/standInDirectedView.js';

const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
});

/*
 * A re-encoded micro-lesson takes a while: its progress rises as ffmpeg
 * goes and is what the page shows; the server stopping in the middle does
 * not lose it — the next start cuts it again, and it is ready.
 */
it('shows a re-encoded clip’s progress as it rises, and finishes it after a server restart', async () => {
  const first = await startServer();
  servers.push(first);
  const teacher = await createPerson({ role: 'teacher', schoolId: 'chengguan' }, first);
  const lesson = await scheduleLesson({ teacher, subject: '科学' }, first);
  const row = await recordWithoutMedia(first, lesson);
  // 40 s of 10 fps test pattern: a re-encoded 35 s clip takes seconds at the lowest priority.
  await testPatternDirectedView(first.dataDir, row, 40);
  const made = await apiCall(first.url, `/recordings/${row.id}/clips`, clipSchema, { token: lesson.teacherToken, body: { title: '长片段', inMs: 1300, outMs: 36_300 } });
  expect(made).toMatchObject({ status: 'making', method: 'encode', progress: 0 });

  const seen: number[] = [];
  const poll = async (server: ServerProcess, token: string) => {
    const now = await apiCall(server.url, `/clips/${made.id}`, clipSchema, { token });
    seen.push(now.progress);
    return now;
  };
  await expect.poll(async () => (await poll(first, lesson.teacherToken)).progress, { timeout: 60_000, interval: 200 }).toBeGreaterThan(0);
  const before = await poll(first, lesson.teacherToken);
  if (before.status === 'ready') throw new Error('the clip was made before the server could be stopped: make the clip longer');
  await first.stop();

  const second = await startServer({ dataDir: first.dataDir, port: first.port, rtcPort: first.rtcPort });
  servers.push(second);
  const token = (await signIn(second.url, teacher.login, teacher.password)).accessToken;
  await expect.poll(async () => (await poll(second, token)).status, { timeout: 90_000, interval: 300 }).toBe('ready');
  const done = await poll(second, token);
  console.log(`[clips] progress seen (the server stopped at ${before.progress.toFixed(3)}, the next one cut it again): ${seen.map((p) => p.toFixed(2)).join(' ')}`);
  expect(done.progress).toBe(1);
  expect(Math.abs(done.durationMs! - 35_000)).toBeLessThanOrEqual(1000);
  expect(seen.some((p) => p > 0 && p < 1), 'a progress between 0 and 1 was shown').toBe(true);
}, 240_000);
