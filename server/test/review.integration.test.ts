import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lessonReportSchema, lessonScoringSchema, rankingGroupSchema, rubricSchema, schoolSchema, type LessonReport, type RubricCriterion } from '@shared';
import { AdminApiError, adminToken, apiCall, createPerson, scheduleLesson, signIn, type ScheduledLesson } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { addBureau } from './support/cast.js';

/*
 * Test 3 of issue 15: a bureau's rubric, a lesson scored against it by
 * observers (one leaves a criterion out, one changes a score), the report's
 * weighted total and spreads as worked by hand, the CSV a spreadsheet opens,
 * and who is refused: the lesson's own teacher scoring, a score off the
 * scale, scoring after it closed, and a school admin of another bureau
 * reading the report.
 */
const criteria: RubricCriterion[] = [
  { id: 'design', name: '教学设计', weight: 20, min: 0, max: 10, descriptors: [{ score: 10, text: '目标明确，重难点突出' }] },
  { id: 'interaction', name: '师生互动', weight: 30, min: 0, max: 10, descriptors: [] },
  { id: 'effect', name: '教学效果', weight: 50, min: 0, max: 5, descriptors: [] },
];

const refusal = async (call: Promise<unknown>): Promise<{ status: number; message: string }> => {
  try {
    await call;
  } catch (error) {
    if (error instanceof AdminApiError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('the call was not refused');
};

/** A CSV's rows (quoted cells with commas and quotes handled); the BOM is checked apart. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted && ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) cells.push(cell), (cell = '');
      else cell += ch;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

describe('rubric scoring and the lesson report', () => {
  let server: ServerProcess;
  let admin: string;
  let lesson: ScheduledLesson;
  let rubricId: string;
  const scorers: string[] = [];

  const score = (token: string, scores: Record<string, number>, lessonId = lesson.lessonId) =>
    apiCall(server.url, `/lessons/${lessonId}/score`, lessonScoringSchema, { token, body: { scores } });
  const report = (token = admin): Promise<LessonReport> => apiCall(server.url, `/lessons/${lesson.lessonId}/report`, lessonReportSchema, { token });

  beforeAll(async () => {
    server = await startServer();
    admin = await adminToken(server);
    lesson = await scheduleLesson({ title: '分数的意义', subject: '数学', grade: '四年级' }, server);
    for (let i = 0; i < 3; i++) {
      const observer = await createPerson({ role: 'observer', name: `听课${i + 1}` }, server);
      scorers.push((await signIn(server.url, observer.login, observer.password)).accessToken);
    }
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a rubric whose weights do not add up, and keeps a good one', async () => {
    const bad = await refusal(apiCall(server.url, '/rubrics', rubricSchema, { token: admin, body: { name: '坏量表', schoolId: null, criteria: criteria.map((c) => ({ ...c, weight: 30 })) } }));
    expect(bad.status).toBe(400);
    expect(bad.message).toContain('100 %');
    const rubric = await apiCall(server.url, '/rubrics', rubricSchema, { token: admin, body: { name: '县级评课量表', schoolId: null, criteria } });
    rubricId = rubric.id;
    const listed = await apiCall(server.url, '/rubrics', z.array(rubricSchema), { token: admin });
    expect(listed.map((r) => r.name)).toEqual(['县级评课量表']);
  });

  it('scores once each, with a missing criterion and an edited score, and reports the weighted total and spreads', async () => {
    // Not up for scoring yet: nothing to score.
    expect((await refusal(score(scorers[0]!, { design: 8 }))).status).toBe(404);
    const opened = await apiCall(server.url, `/lessons/${lesson.lessonId}/scoring`, lessonScoringSchema, { token: admin, body: { rubricId } });
    expect(opened.open).toBe(true);
    await score(scorers[0]!, { design: 8, interaction: 9, effect: 4 });
    await score(scorers[1]!, { design: 6, interaction: 7, effect: 3 });
    const third = await score(scorers[2]!, { design: 10, effect: 5 });
    expect(third.scorers).toBe(3);
    expect(third.mine?.scores).toEqual({ design: 10, effect: 5 });

    const before = (await report()).scores!;
    expect(before.scorers).toBe(3);
    // Criterion averages 8/10, 8/10, 4/5: all 80 %, so the weighted total is 80 (not the mean of the three totals, 82).
    expect(before.total).toBeCloseTo(80, 6);
    expect(before.sheets.map((s) => s.total)).toEqual([100, 83, 63].map((t) => expect.closeTo(t, 6)));
    expect(before.spread!.stdev).toBeCloseTo(Math.sqrt(686 / 3), 6);
    expect(before.criteria.map((c) => c.count)).toEqual([3, 2, 3]);

    // Bad input changes nothing: off the scale, an unknown criterion, the lesson's own teacher.
    expect((await refusal(score(scorers[1]!, { effect: 6 }))).message).toContain('教学效果');
    expect((await refusal(score(scorers[1]!, { nonsense: 1 }))).status).toBe(400);
    const own = await refusal(score(lesson.teacherToken, { design: 10, interaction: 10, effect: 5 }));
    expect(own.message).toContain('own lesson');

    // The second scorer changes 教学效果 3 → 5: still one sheet, now 60, 70, 100 % → 83.
    await score(scorers[1]!, { design: 6, interaction: 7, effect: 5 });
    const after = (await report()).scores!;
    expect(after.scorers).toBe(3);
    expect(after.sheets.map((s) => s.total)).toEqual([100, 83, 83].map((t) => expect.closeTo(t, 6)));
    // 教学效果 now averages 14/3 of 5 = 93.3 %: (20×80 + 30×80 + 50×93.33) / 100.
    expect(after.criteria[2]!.mean).toBeCloseTo(14 / 3, 6);
    expect(after.total).toBeCloseTo((1600 + 2400 + 50 * (280 / 3)) / 100, 6);
  });

  it('exports the scores and the participation as CSV with their columns', async () => {
    const response = await fetch(`${server.url}/api/lessons/${lesson.lessonId}/report.csv?part=scores`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    // The byte-order mark Excel needs (fetch's text() would hide it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['评委', '教学设计 20% (0-10)', '师生互动 30% (0-10)', '教学效果 50% (0-5)', '加权总分 (0-100)']);
    expect(rows.map((r) => r[0])).toEqual(['评委', '评委 1', '评委 2', '评委 3', '平均', '标准差', '评分人数']);
    // 评委 1 scored 100 without 师生互动: an empty cell, never 0.
    expect(rows[1]).toEqual(['评委 1', '10', '', '5', '100']);
    expect(rows[4]![4]).toBe('86.67');
    const participation = parseCsv(await (await fetch(`${server.url}/api/lessons/${lesson.lessonId}/report.csv?part=participation`, { headers: { authorization: `Bearer ${admin}` } })).text());
    expect(participation[0]).toEqual(['学校', '学校类型', '教室', '在线 (秒)', '发言权 (秒)', '发言次数', '举手', '举手被点名', '平均等待 (秒)', '发言被听到 (秒)', '主画面 (秒)']);
    const bad = await fetch(`${server.url}/api/lessons/${lesson.lessonId}/report.csv?part=secrets`, { headers: { authorization: `Bearer ${admin}` } });
    expect(bad.status).toBe(400);
  });

  it('lets the teacher read her report, and refuses a school admin of another bureau', async () => {
    expect((await report(lesson.teacherToken)).scores?.scorers).toBe(3);
    const bureau2 = await addBureau(server, 'other');
    const school2 = await apiCall(server.url, '/schools', schoolSchema, { token: bureau2.token, body: { name: '外县小学', kind: 'support' } });
    const outsider = await createPerson({ role: 'schoolAdmin', schoolId: school2.id }, server, bureau2.token);
    const outsiderToken = (await signIn(server.url, outsider.login, outsider.password)).accessToken;
    expect((await refusal(report(outsiderToken))).status).toBe(403);
    const csv = await fetch(`${server.url}/api/lessons/${lesson.lessonId}/report.csv`, { headers: { authorization: `Bearer ${outsiderToken}` } });
    expect(csv.status).toBe(403);
    // Another bureau's ranking is its own: this bureau's lessons are not in it.
    const theirs = await apiCall(server.url, '/ranking', z.array(rankingGroupSchema), { token: bureau2.token });
    expect(theirs.flatMap((g) => g.lessons)).toEqual([]);
  });

  it('closes scoring: nothing changes after, and the ranking shows the lesson, with too few scorers unranked', async () => {
    const other = await scheduleLesson({ title: '小数的加法', subject: '数学', grade: '四年级' }, server);
    await apiCall(server.url, `/lessons/${other.lessonId}/scoring`, lessonScoringSchema, { token: admin, body: { rubricId } });
    await score(scorers[0]!, { design: 10, interaction: 10, effect: 5 }, other.lessonId);
    await apiCall(server.url, `/lessons/${lesson.lessonId}/scoring/close`, lessonScoringSchema, { token: admin, body: {} });
    const closed = await refusal(score(scorers[0]!, { design: 1, interaction: 1, effect: 1 }));
    expect(closed.status).toBe(409);
    expect((await report()).scores!.sheets[0]!.total).toBeCloseTo(100, 6);

    const groups = await apiCall(server.url, '/ranking', z.array(rankingGroupSchema), { token: admin });
    const maths = groups.find((g) => g.subject === '数学' && g.grade === '四年级')!;
    expect(maths.lessons.map((l) => [l.title, l.rank, l.scorers, l.open])).toEqual([
      ['分数的意义', 1, 3, false],
      // One scorer's 100 is not a selection: listed, not ranked.
      ['小数的加法', null, 1, true],
    ]);
  });
});
