import { describe, expect, it } from 'vitest';
import type { Classroom, LessonSummary } from '@shared';
import { lessonToOpen, orderLessons, planFromDraft, splitClassrooms, TEACHER_OPEN_LEAD_MS } from './lessonPlan';

const room = (id: string, schoolId: string, schoolName: string): Classroom => ({ id, schoolId, schoolName, name: id });

describe('a teacher’s new lesson', () => {
  it('teaches from her school’s classrooms and pairs with the others, by school', () => {
    const { own, paired } = splitClassrooms([room('cg-4-1', 'cg', '城关小学'), room('sp-4', 'sp', '山坪村小学'), room('hw-4-2', 'hw', '河湾乡中心小学'), room('sp-5', 'sp', '山坪村小学')], 'cg');
    expect(own.map((c) => c.id)).toEqual(['cg-4-1']);
    expect(paired).toEqual([
      { schoolName: '山坪村小学', classrooms: [room('sp-4', 'sp', '山坪村小学'), room('sp-5', 'sp', '山坪村小学')] },
      { schoolName: '河湾乡中心小学', classrooms: [room('hw-4-2', 'hw', '河湾乡中心小学')] },
    ]);
  });

  it('sends the plan with its times, without the host among the paired classrooms', () => {
    const { plan, problems } = planFromDraft({ title: ' 四年级数学 ', hostClassroomId: 'cg-4-1', classroomIds: ['sp-4', 'cg-4-1'], startsAt: '2025-09-01T08:00', endsAt: '2025-09-01T08:40' });
    expect(problems).toEqual({});
    expect(plan).toEqual({ title: '四年级数学', hostClassroomId: 'cg-4-1', classroomIds: ['sp-4'], startsAt: new Date(2025, 8, 1, 8).getTime(), endsAt: new Date(2025, 8, 1, 8, 40).getTime() });
  });

  it('says whether the lesson records by itself, or leaves it to the school', () => {
    const draft = { title: '分数', hostClassroomId: 'cg-4-1', classroomIds: ['sp-4'], startsAt: '', endsAt: '' };
    expect(planFromDraft({ ...draft, record: 'yes' }).plan?.record).toBe(true);
    expect(planFromDraft({ ...draft, record: 'no' }).plan?.record).toBe(false);
    expect(planFromDraft({ ...draft, record: '' }).plan).not.toHaveProperty('record');
  });

  it('carries the subject and grade the library searches by', () => {
    expect(planFromDraft({ title: '分数', hostClassroomId: 'cg-4-1', classroomIds: ['sp-4'], startsAt: '', endsAt: '', subject: ' 数学 ', grade: '四年级' }).plan).toEqual({
      title: '分数',
      hostClassroomId: 'cg-4-1',
      classroomIds: ['sp-4'],
      subject: '数学',
      grade: '四年级',
    });
  });

  it('leaves the time out when none is set', () => {
    expect(planFromDraft({ title: '阅读', hostClassroomId: 'cg-4-1', classroomIds: ['sp-4'], startsAt: '', endsAt: '' }).plan).toEqual({ title: '阅读', hostClassroomId: 'cg-4-1', classroomIds: ['sp-4'] });
  });

  it('names what is missing, and an end before the start', () => {
    expect(planFromDraft({ title: '', hostClassroomId: '', classroomIds: [], startsAt: '', endsAt: '' }).problems).toEqual({
      title: 'teach.problem.title',
      hostClassroomId: 'teach.problem.host',
      classroomIds: 'teach.problem.classrooms',
    });
    expect(planFromDraft({ title: '阅读', hostClassroomId: 'cg-4-1', classroomIds: ['sp-4'], startsAt: '2025-09-01T09:00', endsAt: '2025-09-01T08:00' }).problems).toEqual({ endsAt: 'teach.problem.endBeforeStart' });
  });
});

describe('the order of her lessons', () => {
  const lesson = (id: string, startsAt: number | null, endsAt: number | null): LessonSummary => ({
    id, title: id, teacherAccountId: 't', teacherName: '王老师', hostClassroomId: 'cg-4-1', schoolId: 'cg', classrooms: [], startsAt, endsAt, teacherUrl: `http://127.0.0.1/lesson/${id}/teacher`,
  });
  it('puts what comes first on top and what is over below, latest first', () => {
    const now = 10_000;
    const ordered = orderLessons([lesson('past-early', 1000, 2000), lesson('later', 30_000, 40_000), lesson('soon', 12_000, 15_000), lesson('past-late', 5000, 6000), lesson('any', null, null)], now);
    expect(ordered.map((l) => l.id)).toEqual(['any', 'soon', 'later', 'past-late', 'past-early']);
  });
});

describe('the lesson 我的课程 opens by itself', () => {
  const lesson = (id: string, startsAt: number | null, endsAt: number | null, teacherAccountId = 'wang'): LessonSummary => ({
    id, title: id, teacherAccountId, teacherName: '王老师', hostClassroomId: 'cg-4-1', schoolId: 'cg', classrooms: [], startsAt, endsAt, teacherUrl: `http://127.0.0.1/lesson/${id}/teacher`,
  });
  const now = 1_000_000_000;
  it('is her own lesson from a few minutes before its start until its end, the earliest first, each once per tab', () => {
    const lessons = [lesson('later', now + TEACHER_OPEN_LEAD_MS + 1, now + 3_600_000), lesson('soon', now + TEACHER_OPEN_LEAD_MS - 1, now + 3_000_000), lesson('running', now - 60_000, now + 60_000), lesson('colleague', now, now + 60_000, 'li')];
    expect(lessonToOpen(lessons, 'wang', now, new Set())?.id).toBe('running');
    expect(lessonToOpen(lessons, 'wang', now, new Set(['running']))?.id).toBe('soon');
    expect(lessonToOpen(lessons, 'wang', now, new Set(['running', 'soon']))).toBeNull();
  });
  it('is never a lesson over, nor one without a time', () => {
    expect(lessonToOpen([lesson('over', now - 3_600_000, now - 1), lesson('anytime', null, null)], 'wang', now, new Set())).toBeNull();
  });
});
