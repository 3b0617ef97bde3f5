import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardSchema, type Dashboard } from '@shared';
import { adminToken, apiCall, createPerson, signIn } from '../../testkit/adminApi.js';
import { noonZone, scriptDashboardWeek, type DashboardWeek } from '../../testkit/dashboardWeek.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { MAX_FREEZES_PER_REPORT } from '../src/features/quality/qualityFacts.js';
import { addBureau } from './support/cast.js';

/*
 * 数据看板 against a real server: a scripted week (testkit/dashboardWeek.ts:
 * a lesson held with hands, the floor, a pre-class check, a latency check
 * and freezes, all through real signalling; a paired lesson earlier today
 * that never went live; one still to come) — and the dashboard's figures
 * are those. A school admin sees only the lessons her school is in; another
 * bureau's admin is refused the first bureau's schools and sees none of
 * its lessons.
 */
describe('the dashboard (数据看板)', () => {
  let server: ServerProcess;
  let week: DashboardWeek;
  let admin: string;
  const dashboard = async (token: string, query = ''): Promise<Dashboard> => apiCall(server.url, `/dashboard${query}`, dashboardSchema, { token });

  beforeAll(async () => {
    const now = Date.now();
    server = await startServer({ env: { SCHOOL_TIME_ZONE: noonZone(now) } });
    admin = await adminToken(server);
    week = await scriptDashboardWeek(server, now);
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("counts this week's lessons by form and school, held against scheduled, and names the missed paired lesson", async () => {
    const board = await dashboard(admin);
    expect(board.days).toHaveLength(7);
    expect(board.days).toContain(board.today);
    const ids = board.lessons.map((l) => l.lessonId);
    expect(ids).toEqual(expect.arrayContaining([week.held.lessonId, week.missedId, week.comingId]));
    const synchronous = board.byForm.find((f) => f.form === 'synchronous')!;
    expect(synchronous.week).toEqual({ scheduled: 3, held: 1 });
    expect(synchronous.today).toEqual({ scheduled: 3, held: 1 });
    expect(board.byForm.find((f) => f.form === 'delivered')!.week).toEqual({ scheduled: 0, held: 0 });
    const school = (id: string) => board.bySchool.find((s) => s.schoolId === id)!;
    expect(school('chengguan').week).toEqual({ scheduled: 3, held: 1 });
    expect(school('hewan').week).toEqual({ scheduled: 3, held: 1 });
    expect(school('shanping').week).toEqual({ scheduled: 1, held: 1 });
    expect(board.lessons.filter((l) => l.missed).map((l) => l.lessonId)).toEqual([week.missedId]);
    expect(board.lessons.find((l) => l.lessonId === week.missedId)).toMatchObject({ title: '没上的课', held: false, schoolIds: ['chengguan', 'hewan'] });
  });

  it('sums participation per school from the lessons’ event logs', async () => {
    const board = await dashboard(admin);
    const of = (id: string) => board.participation.find((p) => p.schoolId === id)!;
    expect(of('shanping')).toMatchObject({ classroomsExpected: 1, classroomsPresent: 1, handsRaised: 1, handsAnswered: 1, lessonIds: [week.held.lessonId] });
    expect(Math.abs(of('shanping').floorMs - (week.floorTo - week.floorFrom))).toBeLessThan(1000);
    expect(of('hewan')).toMatchObject({ classroomsExpected: 1, classroomsPresent: 1, handsRaised: 0, floorMs: 0 });
    expect(of('chengguan')).toMatchObject({ classroomsExpected: 1, handsRaised: 0 });
  });

  it('counts the day’s check verdicts, its latency checks and the freezes of each lesson', async () => {
    const board = await dashboard(admin);
    const day = board.quality.find((q) => q.day === board.today)!;
    expect(day.prechecks).toEqual({ ready: 0, limited: 1, blocked: 0 });
    expect(day.latencyChecks).toBe(1);
    expect(day.videoLatencyMedianMs).toBe(180);
    expect(day.freezes).toEqual([{ lessonId: week.held.lessonId, count: 5 + MAX_FREEZES_PER_REPORT }]);
    expect(day.lessonIds).toEqual(expect.arrayContaining([week.held.lessonId, week.missedId, week.comingId]));
  });

  it('shows a school admin only the lessons her school is in, and only her school', async () => {
    const shanpingAdmin = await createPerson({ role: 'schoolAdmin', schoolId: 'shanping' }, server);
    const token = (await signIn(server.url, shanpingAdmin.login, shanpingAdmin.password)).accessToken;
    const board = await dashboard(token);
    expect(board.lessons.map((l) => l.lessonId)).toEqual([week.held.lessonId]);
    expect(board.schools.map((s) => s.schoolId)).toEqual(['shanping']);
    expect(board.participation.map((p) => p.schoolId)).toEqual(['shanping']);
    const other = await fetch(`${server.url}/api/dashboard?schoolId=hewan`, { headers: { authorization: `Bearer ${token}` } });
    expect(other.status).toBe(403);
  });

  it("refuses another bureau's admin the first bureau's schools and shows her none of its lessons", async () => {
    const { token } = await addBureau(server, 'other');
    const refused = await fetch(`${server.url}/api/dashboard?schoolId=chengguan`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(403);
    const board = await dashboard(token);
    expect(board.lessons).toEqual([]);
  });

  it('shows another week when asked, and refuses a week that is no date', async () => {
    const board = await dashboard(admin, '?week=2026-01-07');
    expect(board.weekStart).toBe('2026-01-05');
    expect(board.lessons).toEqual([]);
    const bad = await fetch(`${server.url}/api/dashboard?week=soon`, { headers: { authorization: `Bearer ${admin}` } });
    expect(bad.status).toBe(400);
  });
});
