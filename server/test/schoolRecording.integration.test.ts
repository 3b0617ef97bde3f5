import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolSchema, type JoinedLesson } from '@shared';
import { AdminApiError, apiCall, createPerson, scheduleLesson, signIn } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient } from './support/signallingClient.js';

/*
 * 录制 by setting: a school admin decides that every lesson her school
 * hosts records by itself at 开始上课; a lesson can say otherwise; an admin
 * of another school cannot change her school's setting.
 */
describe('a school records its lessons by itself when its admin says so', () => {
  let server: ServerProcess;
  let adminToken: string;

  beforeAll(async () => {
    server = await startServer();
    const admin = await createPerson({ role: 'schoolAdmin', schoolId: 'chengguan' }, server);
    adminToken = (await signIn(server.url, admin.login, admin.password)).accessToken;
  }, 60_000);
  afterAll(() => server?.stop());

  /** The lesson's recording as the teacher's page sees it once class has started. */
  const recordsAtStart = async (record?: boolean): Promise<boolean> => {
    const lesson = await scheduleLesson({ classroomIds: ['shanping-4'], ...(record === undefined ? {} : { record }) }, server);
    const teacher = await connectClient(server.url, lesson.teacherToken);
    try {
      await teacher.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
      const from = teacher.notices.length;
      await teacher.ok({ type: 'setLessonStatus', status: 'live' });
      const changed = await teacher.notice('recordingChanged', from, 5000).catch(() => null);
      return changed?.recording.active ?? false;
    } finally {
      teacher.close();
    }
  };

  it('starts recording at 开始上课 for the school’s lessons once set, unless the lesson says not to', async () => {
    expect(await recordsAtStart()).toBe(false);
    const set = await apiCall(server.url, '/schools/chengguan/settings', schoolSchema, { token: adminToken, body: { recordLessons: true } });
    expect(set.recordLessons).toBe(true);
    const listed = await apiCall(server.url, '/schools', schoolSchema.array(), { token: adminToken });
    expect(listed.find((s) => s.id === 'chengguan')?.recordLessons).toBe(true);
    expect(await recordsAtStart()).toBe(true);
    expect(await recordsAtStart(false)).toBe(false);
  }, 60_000);

  it('refuses the setting to an admin of another school, and changes nothing', async () => {
    const other = await createPerson({ role: 'schoolAdmin', schoolId: 'hewan' }, server);
    const token = (await signIn(server.url, other.login, other.password)).accessToken;
    const before = (await apiCall(server.url, '/schools', schoolSchema.array(), { token: adminToken })).find((s) => s.id === 'chengguan')!.recordLessons;
    await expect(apiCall(server.url, '/schools/chengguan/settings', schoolSchema, { token, body: { recordLessons: !before } })).rejects.toMatchObject({ status: 403 });
    await expect(apiCall(server.url, '/schools/chengguan/settings', schoolSchema, { token: adminToken, body: { recordLessons: 'yes' } })).rejects.toBeInstanceOf(AdminApiError);
    expect((await apiCall(server.url, '/schools', schoolSchema.array(), { token: adminToken })).find((s) => s.id === 'chengguan')!.recordLessons).toBe(before);
  }, 60_000);
});
