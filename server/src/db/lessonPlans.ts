import { sql } from 'kysely';
import { TERMINAL_JOIN_LEAD_MS, type LessonSummary } from '@shared';
import { newId } from './ids.js';
import type { Db } from './database.js';

/** A lesson as planned: who teaches it from which classroom, which classrooms are paired, when. */
export interface LessonPlan {
  id: string;
  title: string;
  teacherAccountId: string | null;
  teacherName: string;
  hostClassroomId: string;
  hostClassroomName: string;
  hostSchoolId: string;
  hostSchoolName: string;
  bureauId: string;
  startsAt: number | null;
  endsAt: number | null;
  classrooms: Array<{ classroomId: string; name: string; schoolId: string; schoolName: string }>;
}

export interface NewLessonRecord {
  id?: string;
  title: string;
  teacherAccountId: string;
  teacherName: string;
  hostClassroomId: string;
  classroomIds: readonly string[];
  startsAt?: number | undefined;
  endsAt?: number | undefined;
  demo?: boolean;
  subject?: string | undefined;
  grade?: string | undefined;
  /** Recorded by itself (true), never by itself (false), or as its school says (unset). */
  record?: boolean | undefined;
  /** 课表: the entry and original day this lesson is the occurrence of, and its form. */
  timetable?: { entryId: string; occursOn: string; form: string };
}

/** Creates a lesson pairing the host classroom with receiving classrooms. */
export async function createLesson(db: Db, lesson: NewLessonRecord): Promise<string> {
  const id = lesson.id ?? newId('l');
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('lesson')
      .values({
        id,
        title: lesson.title,
        teacher_name: lesson.teacherName,
        teacher_account_id: lesson.teacherAccountId,
        host_classroom_id: lesson.hostClassroomId,
        starts_at: lesson.startsAt ?? null,
        ends_at: lesson.endsAt ?? null,
        created_at: Date.now(),
        demo: lesson.demo ? 1 : 0,
        subject: lesson.subject ?? null,
        grade: lesson.grade ?? null,
        record: lesson.record === undefined ? null : lesson.record ? 1 : 0,
        ...(lesson.timetable ? { timetable_entry_id: lesson.timetable.entryId, occurs_on: lesson.timetable.occursOn, form: lesson.timetable.form } : {}),
      })
      .execute();
    for (const classroomId of lesson.classroomIds) {
      await tx.insertInto('lesson_classroom').values({ lesson_id: id, classroom_id: classroomId }).execute();
    }
  });
  return id;
}

/** A lesson with its host and classrooms, or null. */
export async function lessonPlan(db: Db, lessonId: string): Promise<LessonPlan | null> {
  const row = await db
    .selectFrom('lesson')
    .innerJoin('classroom', 'classroom.id', 'lesson.host_classroom_id')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(['lesson.id', 'lesson.title', 'lesson.teacher_account_id', 'lesson.teacher_name', 'lesson.starts_at', 'lesson.ends_at',
      'classroom.id as host_id', 'classroom.name as host_name', 'school.id as school_id', 'school.name as school_name', 'school.bureau_id'])
    .where('lesson.id', '=', lessonId)
    .executeTakeFirst();
  if (!row) return null;
  const classrooms = await db
    .selectFrom('lesson_classroom')
    .innerJoin('classroom', 'classroom.id', 'lesson_classroom.classroom_id')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(['classroom.id', 'classroom.name', 'school.id as school_id', 'school.name as school_name'])
    .where('lesson_classroom.lesson_id', '=', lessonId)
    .orderBy('classroom.id')
    .execute();
  return {
    id: row.id,
    title: row.title,
    teacherAccountId: row.teacher_account_id,
    teacherName: row.teacher_name,
    hostClassroomId: row.host_id,
    hostClassroomName: row.host_name,
    hostSchoolId: row.school_id,
    hostSchoolName: row.school_name,
    bureauId: row.bureau_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    classrooms: classrooms.map((c) => ({ classroomId: c.id, name: c.name, schoolId: c.school_id, schoolName: c.school_name })),
  };
}

export function lessonSummary(plan: LessonPlan, publicUrl: string): LessonSummary {
  return {
    id: plan.id,
    title: plan.title,
    teacherAccountId: plan.teacherAccountId,
    teacherName: plan.teacherName,
    hostClassroomId: plan.hostClassroomId,
    schoolId: plan.hostSchoolId,
    classrooms: plan.classrooms.map((c) => ({ classroomId: c.classroomId, name: `${c.schoolName} · ${c.name}`, schoolId: c.schoolId })),
    startsAt: plan.startsAt,
    endsAt: plan.endsAt,
    teacherUrl: `${publicUrl}/lesson/${encodeURIComponent(plan.id)}/teacher`,
  };
}

/** Lessons in a bureau, optionally only those a school takes part in or one teacher's. */
export async function lessonPlans(db: Db, filter: { bureauId: string; schoolId?: string; teacherAccountId?: string }): Promise<LessonPlan[]> {
  let query = db.selectFrom('lesson').innerJoin('classroom', 'classroom.id', 'lesson.host_classroom_id').innerJoin('school', 'school.id', 'classroom.school_id')
    .select('lesson.id').where('school.bureau_id', '=', filter.bureauId);
  if (filter.teacherAccountId) query = query.where('lesson.teacher_account_id', '=', filter.teacherAccountId);
  if (filter.schoolId) {
    const schoolId = filter.schoolId;
    query = query.where((eb) =>
      eb.or([
        eb('school.id', '=', schoolId),
        eb('lesson.id', 'in', eb.selectFrom('lesson_classroom').innerJoin('classroom as c', 'c.id', 'lesson_classroom.classroom_id').select('lesson_classroom.lesson_id').where('c.school_id', '=', schoolId)),
      ]),
    );
  }
  const ids = await query.orderBy('lesson.created_at', 'desc').limit(500).execute();
  return (await Promise.all(ids.map((r) => lessonPlan(db, r.id)))).filter((p): p is LessonPlan => p !== null);
}

export async function deleteLesson(db: Db, lessonId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('guest_link').where('lesson_id', '=', lessonId).execute();
    await tx.deleteFrom('lesson_classroom').where('lesson_id', '=', lessonId).execute();
    await tx.deleteFrom('lesson_session').where('lesson_id', '=', lessonId).execute();
    await tx.deleteFrom('inspection_note').where('lesson_id', '=', lessonId).execute();
    await tx.deleteFrom('lesson').where('id', '=', lessonId).execute();
  });
}

/**
 * The lesson a classroom's terminal joins now: one of its lessons whose time
 * has come (from 10 minutes before its start) and not passed, and that was
 * not ended (下课) already; a lesson with no times set is always open. One
 * under way wins over one about to start (an extended lesson keeps its
 * classrooms until its new end), then the latest start. So a terminal sent
 * back to its waiting page at 下课 goes on to the timetable's next lesson.
 */
export async function currentLessonOf(db: Db, classroomId: string, now = Date.now()): Promise<{ lessonId: string; title: string } | null> {
  const row = await db
    .selectFrom('lesson_classroom')
    .innerJoin('lesson', 'lesson.id', 'lesson_classroom.lesson_id')
    .select(['lesson.id', 'lesson.title'])
    .where('lesson_classroom.classroom_id', '=', classroomId)
    .where((eb) => eb.or([eb('lesson.starts_at', 'is', null), eb('lesson.starts_at', '<=', now + TERMINAL_JOIN_LEAD_MS)]))
    .where((eb) => eb.or([eb('lesson.ends_at', 'is', null), eb('lesson.ends_at', '>', now)]))
    .where((eb) =>
      eb.or([
        eb.not(eb.exists(eb.selectFrom('lesson_session as s').select('s.id').whereRef('s.lesson_id', '=', 'lesson.id'))),
        eb.exists(eb.selectFrom('lesson_session as s').select('s.id').whereRef('s.lesson_id', '=', 'lesson.id').where('s.ended_at', 'is', null)),
      ]),
    )
    .orderBy(sql`case when lesson.starts_at is null or lesson.starts_at <= ${now} then 0 else 1 end`)
    .orderBy('lesson.starts_at', 'desc')
    .orderBy('lesson.created_at', 'desc')
    .executeTakeFirst();
  return row ? { lessonId: row.id, title: row.title } : null;
}

/** A classroom's next lesson with a start time not yet near enough to join (what its waiting screen announces). */
export async function nextLessonOf(db: Db, classroomId: string, now: number): Promise<{ title: string; startsAt: number } | null> {
  const row = await db
    .selectFrom('lesson_classroom')
    .innerJoin('lesson', 'lesson.id', 'lesson_classroom.lesson_id')
    .select(['lesson.title', 'lesson.starts_at'])
    .where('lesson_classroom.classroom_id', '=', classroomId)
    .where('lesson.starts_at', '>', now + TERMINAL_JOIN_LEAD_MS)
    .orderBy('lesson.starts_at')
    .executeTakeFirst();
  return row?.starts_at ? { title: row.title, startsAt: row.starts_at } : null;
}
