import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classroomSchema, lessonEndSchema, lessonSummarySchema, liveLessonSchema, schoolSchema, timetableEntrySchema, timetableImportResultSchema, timetableSchema, type Timetable } from '@shared';
import { AdminApiError, adminToken, apiCall, createTeacher, signIn } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { addDays, localParts, wallClockMs, weekdayOf } from '../src/timetable/wallClock.js';

/*
 * Test 1 of the timetable: each conflict refused with a message naming the
 * other lesson; weekly lessons made into lessons across a holiday, a moved
 * occurrence and the term's end; a lesson whose time has come starts by
 * itself and can be extended; CSV export → import gives the same entries,
 * and a bad file imports nothing and says which rows.
 */

const ZONE = 'Asia/Shanghai';
const lessonsSchema = z.array(lessonSummarySchema);

/** A term's entries without their ids, in a fixed order: what an export and import must keep. */
const entriesOf = (t: Timetable) => t.entries.map(({ id: _, ...rest }) => rest).sort((a, b) => `${a.weekday}${a.onDate}${a.startsAt}`.localeCompare(`${b.weekday}${b.onDate}${b.startsAt}`));

async function refusal(work: Promise<unknown>): Promise<AdminApiError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AdminApiError);
  return error as AdminApiError;
}

describe('课表', () => {
  let server: ServerProcess;
  let admin: string;
  let teacher: { accountId: string; login: string; token: string };
  let other: { accountId: string; login: string; token: string };
  let timetable: Timetable;
  const today = localParts(Date.now(), ZONE).date;
  const post = <T extends z.ZodType>(path: string, schema: T, body: unknown, token = admin) => apiCall(server.url, path, schema, { token, body });

  beforeAll(async () => {
    server = await startServer({ env: { TIMETABLE_DAYS_AHEAD: '30' } });
    admin = await adminToken(server);
    const person = async () => {
      const created = await createTeacher(server);
      return { accountId: created.accountId, login: created.login, token: (await signIn(server.url, created.login, created.password)).accessToken };
    };
    teacher = await person();
    other = await person();
    // A term from today to 16 days ahead, a holiday on day 8.
    timetable = await post('/timetable/terms', timetableSchema, { schoolId: 'chengguan', name: '测试学期', startsOn: today, endsOn: addDays(today, 16) });
    timetable = await post(`/timetable/terms/${timetable.term.id}/holidays`, timetableSchema, { name: '国庆', startsOn: addDays(today, 8), endsOn: addDays(today, 8) });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  const weekly = (overrides: Record<string, unknown> = {}) => ({
    title: '语文 · 古诗两首',
    subject: '语文',
    grade: '四年级',
    form: 'synchronous',
    weekday: weekdayOf(addDays(today, 1)),
    startsAt: '08:00',
    endsAt: '08:45',
    teacherAccountId: teacher.accountId,
    hostClassroomId: 'chengguan-4-1',
    classroomIds: ['shanping-4'],
    ...overrides,
  });

  it('makes a weekly entry into lessons: not on the holiday, a moved one on its new day, none after the term', async () => {
    const entry = await post(`/timetable/terms/${timetable.term.id}/entries`, timetableEntrySchema, weekly(), teacher.token);
    await post('/timetable/changes', timetableSchema, { kind: 'move', entryId: entry.id, occursOn: addDays(today, 1), toDate: addDays(today, 2), startsAt: '10:00', endsAt: '10:45' }, teacher.token);
    const lessons = (await apiCall(server.url, '/lessons', lessonsSchema, { token: admin })).filter((l) => l.id.startsWith(entry.id));
    const days = lessons.map((l) => ({ day: localParts(l.startsAt!, ZONE).date, start: localParts(l.startsAt!, ZONE).time, minutes: (l.endsAt! - l.startsAt!) / 60_000 })).sort((a, b) => a.day.localeCompare(b.day));
    // Day 1 moved to day 2 at 10:00, day 8 a holiday, day 15 in term, day 22 after the term.
    expect(days).toEqual([
      { day: addDays(today, 2), start: '10:00', minutes: 45 },
      { day: addDays(today, 15), start: '08:00', minutes: 45 },
    ]);
    expect(lessons.find((l) => localParts(l.startsAt!, ZONE).date === addDays(today, 15))!.startsAt).toBe(wallClockMs(addDays(today, 15), '08:00', ZONE));
    expect(lessons.every((l) => l.teacherAccountId === teacher.accountId && l.classrooms.map((c) => c.classroomId).join() === 'shanping-4')).toBe(true);
  });

  it('refuses a teacher in two lessons at once, naming the other lesson', async () => {
    const error = await refusal(post(`/timetable/terms/${timetable.term.id}/entries`, timetableEntrySchema, weekly({ title: '数学', startsAt: '08:30', endsAt: '09:15', hostClassroomId: 'chengguan-4-1', classroomIds: ['hewan-4-2'] })));
    expect(error.status).toBe(409);
    expect(error.message).toContain('语文 · 古诗两首');
    expect(error.message).toMatch(/teacher .* already teaches .*08:00–08:45/);
    const zh = await refusal(apiCall(server.url, `/timetable/terms/${timetable.term.id}/entries?lang=zh`, timetableEntrySchema, { token: admin, body: weekly({ title: '数学', startsAt: '08:30', endsAt: '09:15' }) }));
    expect(zh.message).toMatch(/老师在「数学」.*已有课：「语文 · 古诗两首」/);
    expect(zh.message).not.toMatch(/老师\s*老师/);
  });

  it('refuses a classroom in two lessons at once', async () => {
    const error = await refusal(post(`/timetable/terms/${timetable.term.id}/entries`, timetableEntrySchema, weekly({ title: '英语', teacherAccountId: other.accountId, startsAt: '08:40', endsAt: '09:20', classroomIds: [] })));
    expect(error.message).toMatch(/classroom 城关第一小学 · 四年级\(1\)班 is already in "语文 · 古诗两首" \(\S+ 08:00–08:45\)/);
  });

  it('refuses a receiving classroom outside the pairings and a lesson outside the term', async () => {
    const school = await post('/schools', schoolSchema, { name: '未结对小学', kind: 'receiving' });
    const room = await post('/classrooms', classroomSchema, { schoolId: school.id, name: '三年级' });
    const outside = await refusal(post(`/timetable/terms/${timetable.term.id}/entries`, timetableEntrySchema, weekly({ title: '美术', startsAt: '14:00', endsAt: '14:40', classroomIds: [room.id] })));
    expect(outside.message).toContain('未结对小学 · 三年级 is outside the pairings of 城关第一小学');
    const late = await refusal(post(`/timetable/terms/${timetable.term.id}/entries`, timetableEntrySchema, weekly({ title: '音乐', weekday: undefined, onDate: addDays(today, 20), startsAt: '14:00', endsAt: '14:40' })));
    expect(late.message).toContain(`"音乐" on ${addDays(today, 20)} is outside the term`);
  });

  it('refuses times that do not make sense and bodies that are not entries', async () => {
    expect((await refusal(post(`/timetable/terms/${timetable.term.id}/entries`, timetableEntrySchema, weekly({ startsAt: '09:00', endsAt: '08:00' })))).message).toContain('the end must come after the start');
    expect((await refusal(post(`/timetable/terms/${timetable.term.id}/entries`, timetableEntrySchema, weekly({ startsAt: '25:00' })))).status).toBe(400);
    expect((await refusal(post(`/timetable/terms/${timetable.term.id}/entries`, timetableEntrySchema, { ...weekly(), extra: '<script>' }))).status).toBe(400);
  });

  it('starts a lesson whose time has come by itself, and its teacher extends it by 10 minutes', async () => {
    const now = localParts(Date.now(), ZONE);
    if (now.time >= '23:55') return; // a lesson must not cross midnight
    const room = await post('/classrooms', classroomSchema, { schoolId: 'chengguan', name: '五年级(2)班' });
    const [h, m] = now.time.split(':').map(Number) as [number, number];
    const end = `${String(h + Math.floor((m + 3) / 60)).padStart(2, '0')}:${String((m + 3) % 60).padStart(2, '0')}`;
    const entry = await post(`/timetable/terms/${timetable.term.id}/entries`, timetableEntrySchema, weekly({ title: '现在的课', weekday: undefined, onDate: today, startsAt: now.time, endsAt: end, teacherAccountId: other.accountId, hostClassroomId: room.id, classroomIds: ['hewan-4-2'] }), admin);
    const lessonId = `${entry.id}-${today.replaceAll('-', '')}`;
    const deadline = Date.now() + 10_000;
    let status = '';
    while (Date.now() < deadline && status !== 'live') {
      status = (await apiCall(server.url, `/lessons/${lessonId}/live`, liveLessonSchema, { token: admin })).status;
      if (status !== 'live') await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe('live');
    const before = (await apiCall(server.url, '/lessons', lessonsSchema, { token: other.token })).find((l) => l.id === lessonId)!;
    const { endsAt } = await post(`/lessons/${lessonId}/extend`, lessonEndSchema, {}, other.token);
    expect(endsAt - before.endsAt!).toBe(10 * 60_000);
    // Not someone else's lesson to extend.
    expect((await refusal(post(`/lessons/${lessonId}/extend`, lessonEndSchema, {}, teacher.token))).status).toBe(403);
  });

  it('exports the timetable as CSV and imports it again to the same entries', async () => {
    const before = await apiCall(server.url, `/timetable/terms/${timetable.term.id}`, timetableSchema, { token: admin });
    const response = await fetch(`${server.url}/api/timetable/terms/${timetable.term.id}/export`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.headers.get('content-type')).toContain('text/csv');
    const csv = await response.text();
    expect(csv).toContain('语文 · 古诗两首');
    const result = await post(`/timetable/terms/${timetable.term.id}/import`, timetableImportResultSchema, { format: 'csv', content: csv });
    expect(result).toEqual({ imported: before.entries.length, errors: [] });
    const after = await apiCall(server.url, `/timetable/terms/${timetable.term.id}`, timetableSchema, { token: admin });
    expect(entriesOf(after)).toEqual(entriesOf(before));
  });

  it('exports the timetable as an Excel workbook and imports it again to the same entries', async () => {
    const before = await apiCall(server.url, `/timetable/terms/${timetable.term.id}`, timetableSchema, { token: admin });
    const response = await fetch(`${server.url}/api/timetable/terms/${timetable.term.id}/export?format=xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain('.xlsx');
    const workbook = Buffer.from(await response.arrayBuffer());
    // A zip (PK…), as every .xlsx is.
    expect(workbook.subarray(0, 2).toString()).toBe('PK');
    const result = await post(`/timetable/terms/${timetable.term.id}/import`, timetableImportResultSchema, { format: 'xlsx', content: workbook.toString('base64') });
    expect(result).toEqual({ imported: before.entries.length, errors: [] });
    const after = await apiCall(server.url, `/timetable/terms/${timetable.term.id}`, timetableSchema, { token: admin });
    expect(entriesOf(after)).toEqual(entriesOf(before));
  });

  it('imports nothing from a file with bad rows, and says which rows and why', async () => {
    const before = await apiCall(server.url, `/timetable/terms/${timetable.term.id}`, timetableSchema, { token: admin });
    const header = 'weekday,date,start,end,title,subject,grade,form,teacher,host_classroom,classrooms';
    const rows = [
      `3,,15:00,15:40,科学,,,delivered,${teacher.login},chengguan-4-1,shanping-4`,
      `3,,16:00,15:40,倒过来,,,delivered,${teacher.login},chengguan-4-1,shanping-4`,
      `3,,17:00,17:40,没有的老师,,,research,nobody,chengguan-4-1,`,
      `3,,15:20,15:50,撞课,,,synchronous,${teacher.login},chengguan-4-1,hewan-4-2`,
    ];
    const result = await post(`/timetable/terms/${timetable.term.id}/import`, timetableImportResultSchema, { format: 'csv', content: [header, ...rows].join('\n') });
    expect(result.imported).toBe(0);
    expect(result.errors.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(result.errors[0]!.reason).toContain('the end must come after the start');
    expect(result.errors[1]!.reason).toContain('no such teacher');
    expect(result.errors[2]!.reason).toContain('"科学"');
    const after = await apiCall(server.url, `/timetable/terms/${timetable.term.id}`, timetableSchema, { token: admin });
    expect(after.entries.map((e) => e.id)).toEqual(before.entries.map((e) => e.id));
  });

  it('has no test clock unless TEST_CLOCK=on: its route does not exist', async () => {
    const response = await fetch(`${server.url}/api/test/clock`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ nowMs: Date.now() + 3600_000 }) });
    expect(response.status).toBe(404);
  });
});
