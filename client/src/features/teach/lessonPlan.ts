import { newLessonPlanSchema, type Classroom, type LessonSummary, type NewLessonPlan } from '@shared';
import { fromLocalInput } from '../accounts/format';
import type { TeachKey } from './teachMessages';

/** The 新建课程 form as filled in. */
export interface LessonDraft {
  title: string;
  hostClassroomId: string;
  classroomIds: string[];
  /** `<input type="datetime-local">` values; empty when the lesson has no set time. */
  startsAt: string;
  endsAt: string;
  /** 学科 and 年级, for the library's search; empty when not given. */
  subject?: string;
  grade?: string;
  /** 录制: as the school says (empty), always, or never. */
  record?: '' | 'yes' | 'no';
}

export type LessonField = 'title' | 'hostClassroomId' | 'classroomIds' | 'endsAt';

/** The classrooms a teacher may teach from (her school's) and those she may pair with, by school (the server listed only hers and the paired schools'). */
export function splitClassrooms(classrooms: readonly Classroom[], ownSchoolId: string | null): { own: Classroom[]; paired: Array<{ schoolName: string; classrooms: Classroom[] }> } {
  const own = classrooms.filter((classroom) => classroom.schoolId === ownSchoolId);
  const bySchool = new Map<string, { schoolName: string; classrooms: Classroom[] }>();
  for (const classroom of classrooms) {
    if (classroom.schoolId === ownSchoolId) continue;
    const school = bySchool.get(classroom.schoolId) ?? { schoolName: classroom.schoolName, classrooms: [] };
    school.classrooms.push(classroom);
    bySchool.set(classroom.schoolId, school);
  }
  return { own, paired: [...bySchool.values()] };
}

const problemOf: Record<LessonField, TeachKey> = {
  title: 'teach.problem.title',
  hostClassroomId: 'teach.problem.host',
  classroomIds: 'teach.problem.classrooms',
  endsAt: 'teach.problem.endBeforeStart',
};

/** The body of `POST /api/lessons`, checked with the server's schema, or the problem of each field. */
export function planFromDraft(draft: LessonDraft): { plan: NewLessonPlan | null; problems: Partial<Record<LessonField, TeachKey>> } {
  const startsAt = fromLocalInput(draft.startsAt);
  const endsAt = fromLocalInput(draft.endsAt);
  const plan = {
    title: draft.title.trim(),
    hostClassroomId: draft.hostClassroomId,
    classroomIds: draft.classroomIds.filter((id) => id !== draft.hostClassroomId),
    ...(startsAt !== undefined ? { startsAt } : {}),
    ...(endsAt !== undefined ? { endsAt } : {}),
    ...(draft.subject?.trim() ? { subject: draft.subject.trim() } : {}),
    ...(draft.grade?.trim() ? { grade: draft.grade.trim() } : {}),
    ...(draft.record === 'yes' ? { record: true } : draft.record === 'no' ? { record: false } : {}),
  };
  const checked = newLessonPlanSchema.safeParse(plan);
  if (checked.success) return { plan: checked.data, problems: {} };
  const problems: Partial<Record<LessonField, TeachKey>> = {};
  for (const issue of checked.error.issues) {
    const field = issue.path[0];
    // The one rule across fields (end after start) has no path of its own.
    const named: LessonField = field === 'title' || field === 'hostClassroomId' || field === 'classroomIds' ? field : 'endsAt';
    problems[named] ??= problemOf[named];
  }
  return { plan: null, problems };
}

/** Lessons to come (and those without a time) first, soonest first; lessons that are over after them, latest first. */
export function orderLessons(lessons: readonly LessonSummary[], now: number): LessonSummary[] {
  const over = (lesson: LessonSummary) => lesson.endsAt !== null && lesson.endsAt < now;
  const coming = lessons.filter((lesson) => !over(lesson)).sort((a, b) => (a.startsAt ?? 0) - (b.startsAt ?? 0));
  const past = lessons.filter(over).sort((a, b) => (b.endsAt ?? 0) - (a.endsAt ?? 0));
  return [...coming, ...past];
}

/** 我的课程 opens the teacher's lesson by itself this long before its start ("the teacher's page opens the lesson a few minutes before"). */
export const TEACHER_OPEN_LEAD_MS = 5 * 60_000;

/**
 * The lesson her page should open now: one she teaches, with a start time,
 * from TEACHER_OPEN_LEAD_MS before it until its end, and not opened already
 * from this tab (a teacher who came back to the list on purpose stays there).
 * The earliest if two qualify.
 */
export function lessonToOpen(lessons: readonly LessonSummary[], teacherAccountId: string, now: number, opened: ReadonlySet<string>): LessonSummary | null {
  const due = lessons.filter(
    (lesson) =>
      lesson.teacherAccountId === teacherAccountId && lesson.startsAt !== null && lesson.startsAt - TEACHER_OPEN_LEAD_MS <= now && (lesson.endsAt === null || now < lesson.endsAt) && !opened.has(lesson.id),
  );
  return due.sort((a, b) => a.startsAt! - b.startsAt!)[0] ?? null;
}
