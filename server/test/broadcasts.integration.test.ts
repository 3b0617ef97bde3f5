import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntrySchema, broadcastSchema, issuedWebhookSchema, lessonSummarySchema, liveLessonSchema, publicBroadcastSchema, webhookDeliverySchema } from '@shared';
import { AdminApiError, adminToken, apiCall, createPerson, signIn } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { addBureau } from './support/cast.js';
import { connectClient } from './support/signallingClient.js';

/*
 * 名师直播 against a real server, through REST only: a teacher applies, the
 * bureau approves and schedules, the rehearsal opens (and the public list does
 * not show it), it goes live (the audience's classroom is in the lesson, the
 * lesson is live), it ends. Every invalid step is refused with the table's
 * sentence, every wrong person with 403; each step is in the audit trail and
 * its push is queued for the bureau's hook.
 */
describe('the broadcast workflow (名师直播), REST', () => {
  let server: ServerProcess;
  let admin: string;
  let teacher: string;
  let colleague: string;
  let otherAdmin: string;
  let hookId: string;
  const hour = 3600_000;
  const application = (title = '名师课：分数的意义') => ({
    title, subject: '数学', grade: '五年级', hostClassroomId: 'chengguan-4-1',
    startsAt: Date.now() + 2 * hour, endsAt: Date.now() + 3 * hour,
    audience: { public: true, schoolIds: ['hewan'], classroomIds: ['shanping-4'] }, expectedViewers: 300,
  });
  const call = (token: string, path: string, body?: unknown) => apiCall(server.url, `/broadcasts${path}`, broadcastSchema, { token, body: body ?? {} });
  const apply = async (title?: string) => apiCall(server.url, '/broadcasts', broadcastSchema, { token: teacher, body: application(title) });
  /** The refusal of a call: its HTTP status and message. */
  const refusal = async (token: string, path: string, body: unknown = {}) => {
    try {
      await call(token, path, body);
    } catch (error) {
      if (error instanceof AdminApiError) return { status: error.status, message: error.message };
      throw error;
    }
    throw new Error(`${path} was not refused`);
  };
  const deliveries = async () => apiCall(server.url, `/webhooks/${hookId}/deliveries`, z.array(webhookDeliverySchema), { token: admin });
  /** The events queued for the bureau's hook since `before` (ids of the deliveries seen then). */
  const queuedSince = async (before: Set<string>) => (await deliveries()).filter((d) => !before.has(d.id)).map((d) => d.event).sort();
  const seen = async () => new Set((await deliveries()).map((d) => d.id));
  const publicList = async () => apiCall(server.url, '/broadcasts/public', z.array(publicBroadcastSchema));

  beforeAll(async () => {
    server = await startServer();
    admin = await adminToken(server);
    const teach = async () => {
      const created = await createPerson({ role: 'teacher', schoolId: 'chengguan', name: '王老师' }, server);
      return (await signIn(server.url, created.login, created.password)).accessToken;
    };
    teacher = await teach();
    colleague = await teach();
    otherAdmin = (await addBureau(server, 'other')).token;
    // A hook of the bureau on loopback (allowed; port 9 answers nothing): what is queued for it is what would be pushed.
    await apiCall(server.url, '/bureaus/main/webhook-hosts', z.array(z.unknown()), { token: admin, body: { host: '127.0.0.1' } });
    const events = ['broadcast.applied', 'broadcast.approved', 'broadcast.rejected', 'broadcast.live', 'broadcast.ended'];
    hookId = (await apiCall(server.url, '/webhooks', issuedWebhookSchema, { token: admin, body: { url: 'http://127.0.0.1:9/hook', events, schoolId: null } })).webhook.id;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('goes from the application to the end, the rehearsal unseen by the public, each step audited and pushed', async () => {
    const before = await seen();
    const applied = await apply();
    expect(applied).toMatchObject({ state: 'applied', teacherName: '王老师', schoolId: 'chengguan', lessonId: null, audience: { public: true, schoolIds: ['hewan'], classroomIds: ['shanping-4'] } });
    const id = applied.id;
    // 直播审核 lists it for the bureau; 我的直播 for its teacher only.
    expect((await apiCall(server.url, '/broadcasts', z.array(broadcastSchema), { token: admin })).map((b) => b.id)).toContain(id);
    expect((await apiCall(server.url, '/broadcasts', z.array(broadcastSchema), { token: colleague })).map((b) => b.id)).not.toContain(id);

    expect((await call(admin, `/${id}/approve`)).state).toBe('approved');
    const scheduled = await call(admin, `/${id}/schedule`, {});
    expect(scheduled.state).toBe('scheduled');
    expect(scheduled.lessonId).not.toBeNull();
    const lessonId = scheduled.lessonId!;
    expect((await publicList()).find((b) => b.id === id)).toMatchObject({ state: 'scheduled', title: '名师课：分数的意义' });
    // The public sees the broadcast, not its review: no reason, no audience, no lesson.
    const raw = (await (await fetch(`${server.url}/api/broadcasts/public`)).json()) as { data: Array<Record<string, unknown>> };
    expect(Object.keys(raw.data.find((b) => b['id'] === id)!).sort()).toEqual(['endsAt', 'grade', 'id', 'schoolName', 'startsAt', 'state', 'subject', 'teacherName', 'title']);

    const rehearsing = await call(teacher, `/${id}/rehearsal`);
    expect(rehearsing.state).toBe('rehearsal');
    // The rehearsal: not listed to the public, and nobody of the audience is in the lesson.
    expect((await publicList()).map((b) => b.id)).not.toContain(id);
    const classroomsOf = async () => (await apiCall(server.url, '/lessons', z.array(lessonSummarySchema), { token: admin })).find((l) => l.id === lessonId)!.classrooms.map((c) => c.classroomId);
    expect(await classroomsOf()).toEqual([]);

    const live = await call(admin, `/${id}/live`);
    expect(live.state).toBe('live');
    expect(await classroomsOf()).toEqual(['shanping-4']);
    expect((await apiCall(server.url, `/lessons/${lessonId}/live`, liveLessonSchema, { token: admin })).status).toBe('live');
    expect((await publicList()).find((b) => b.id === id)?.state).toBe('live');

    const ended = await call(teacher, `/${id}/end`);
    expect(ended.state).toBe('ended');
    expect((await apiCall(server.url, `/lessons/${lessonId}/live`, liveLessonSchema, { token: admin })).status).toBe('ended');
    expect((await publicList()).map((b) => b.id)).not.toContain(id);

    const trail = await apiCall(server.url, '/audit?action=broadcast.', z.array(auditEntrySchema), { token: admin });
    const steps = trail.filter((e) => e.target === id && e.outcome === 'ok').map((e) => e.action).reverse();
    expect(steps).toEqual(['broadcast.apply', 'broadcast.approve', 'broadcast.schedule', 'broadcast.openRehearsal', 'broadcast.goLive', 'broadcast.end']);

    // Scheduling and the rehearsal push nothing: a receiving platform hears of a broadcast when it is approved, live, ended.
    expect(await queuedSince(before)).toEqual(['broadcast.applied', 'broadcast.approved', 'broadcast.ended', 'broadcast.live']);
  });

  it('refuses each invalid step with the table’s sentence, in Chinese when asked', async () => {
    const before = await seen();
    const { id } = await apply('要被拒的课');
    expect(await refusal(admin, `/${id}/schedule`)).toMatchObject({ status: 409, message: expect.stringContaining('cannot be scheduled') });
    expect(await refusal(teacher, `/${id}/rehearsal?lang=zh`)).toMatchObject({ status: 409, message: expect.stringContaining('待审核的直播不能再开始彩排') });
    expect(await refusal(admin, `/${id}/live`)).toMatchObject({ status: 409 });
    expect(await refusal(admin, `/${id}/end`)).toMatchObject({ status: 409 });
    expect(await refusal(admin, `/${id}/cancel`, { reason: '时间冲突' })).toMatchObject({ status: 409 });
    // A rejection needs its reason.
    expect(await refusal(admin, `/${id}/reject`, {})).toMatchObject({ status: 400 });
    const rejected = await call(admin, `/${id}/reject`, { reason: '请补充教学设计' });
    expect(rejected).toMatchObject({ state: 'rejected', reason: '请补充教学设计' });
    expect(await refusal(admin, `/${id}/approve?lang=zh`)).toMatchObject({ status: 409, message: expect.stringContaining('已驳回的直播不能再批准') });
    expect(await refusal(teacher, `/${id}/withdraw`)).toMatchObject({ status: 409 });

    const approved = await apply('批准后撤回');
    await call(admin, `/${approved.id}/approve`);
    expect(await refusal(teacher, `/${approved.id}/withdraw?lang=zh`)).toMatchObject({ status: 409, message: expect.stringContaining('已批准的直播不能再撤回') });
    expect(await refusal(teacher, `/${approved.id}/live`)).toMatchObject({ status: 409 });
    await call(admin, `/${approved.id}/schedule`, {});
    // Live needs the rehearsal first.
    expect(await refusal(admin, `/${approved.id}/live?lang=zh`)).toMatchObject({ status: 409, message: expect.stringContaining('只有彩排中的直播可以开始直播') });
    const cancelled = await call(admin, `/${approved.id}/cancel`, { reason: '场地有变' });
    expect(cancelled).toMatchObject({ state: 'cancelled', reason: '场地有变' });
    expect(await refusal(admin, `/${approved.id}/rehearsal`)).toMatchObject({ status: 409 });

    const withdrawn = await apply('撤回的课');
    expect((await call(teacher, `/${withdrawn.id}/withdraw`)).state).toBe('withdrawn');
    expect(await refusal(admin, `/${withdrawn.id}/approve`)).toMatchObject({ status: 409 });

    const trail = await apiCall(server.url, '/audit?action=broadcast.&outcome=refused', z.array(auditEntrySchema), { token: admin });
    expect(trail.some((e) => e.target === approved.id && e.action === 'broadcast.withdraw')).toBe(true);
    // Three applications, one approved, one rejected; no refused step pushed anything.
    expect(await queuedSince(before)).toEqual(['broadcast.applied', 'broadcast.applied', 'broadcast.applied', 'broadcast.approved', 'broadcast.rejected']);
  });

  it('refuses the wrong people: a teacher reviewing, a colleague hosting or withdrawing, another bureau', async () => {
    const { id } = await apply('别人不能动');
    expect((await refusal(teacher, `/${id}/approve`)).status).toBe(403);
    expect((await refusal(colleague, `/${id}/withdraw`)).status).toBe(403);
    expect((await refusal(otherAdmin, `/${id}/approve`)).status).toBe(403);
    expect((await refusal(admin, `/${id}/withdraw`)).status).toBe(403);
    await call(admin, `/${id}/approve`);
    await call(admin, `/${id}/schedule`, {});
    expect((await refusal(colleague, `/${id}/rehearsal`)).status).toBe(403);
    expect((await refusal(otherAdmin, `/${id}/rehearsal`)).status).toBe(403);
    expect((await apiCall(server.url, '/broadcasts', z.array(broadcastSchema), { token: otherAdmin })).map((b) => b.id)).not.toContain(id);
    // The state did not move for any of them.
    expect((await apiCall(server.url, '/broadcasts', z.array(broadcastSchema), { token: teacher })).find((b) => b.id === id)?.state).toBe('scheduled');
    // A teacher applies only from a classroom of her own school.
    const foreign = await apiCall(server.url, '/broadcasts', broadcastSchema, { token: teacher, body: { ...application(), hostClassroomId: 'shanping-4' } }).catch((e: AdminApiError) => e);
    expect((foreign as AdminApiError).status).toBe(403);
  });

  it('ends the broadcast when its teacher says 下课 in the lesson itself', async () => {
    const before = await seen();
    const { id } = await apply('下课即结束');
    await call(admin, `/${id}/approve`);
    const { lessonId } = await call(admin, `/${id}/schedule`, {});
    await call(teacher, `/${id}/rehearsal`);
    const client = await connectClient(server.url, teacher);
    try {
      await client.ok({ type: 'joinLesson', lessonId: lessonId!, role: 'teacher' });
      await call(teacher, `/${id}/live`);
      await client.ok({ type: 'setLessonStatus', status: 'ended' });
    } finally {
      client.close();
    }
    const mine = await apiCall(server.url, '/broadcasts', z.array(broadcastSchema), { token: teacher });
    expect(mine.find((b) => b.id === id)?.state).toBe('ended');
    expect((await publicList()).map((b) => b.id)).not.toContain(id);
    const trail = await apiCall(server.url, '/audit?action=broadcast.end', z.array(auditEntrySchema), { token: admin });
    expect(trail.find((e) => e.target === id)).toMatchObject({ outcome: 'ok', detail: expect.stringContaining('下课') });
    expect(await queuedSince(before)).toEqual(['broadcast.applied', 'broadcast.approved', 'broadcast.ended', 'broadcast.live']);
  });
});
