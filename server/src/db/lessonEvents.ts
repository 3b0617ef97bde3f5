import type { Db } from './database.js';
import type { Database } from './schema.js';

/** One row of a lesson's event log (see the `lesson_event` table). */
export type LessonEventRow = Omit<Database['lesson_event'], 'id'>;

/** Appends a batch of events in one statement (the participation log writes every second or two, not per change). */
export async function appendLessonEvents(db: Db, rows: readonly LessonEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('lesson_event').values([...rows]).execute();
}

/** A lesson's events in the order they happened (rows of one moment in the order written). */
export async function lessonEventsOf(db: Db, lessonId: string): Promise<LessonEventRow[]> {
  return db.selectFrom('lesson_event').select(['lesson_id', 'at', 'kind', 'participant_id', 'detail']).where('lesson_id', '=', lessonId).orderBy('at').orderBy('id').execute();
}

/** A classroom of a lesson with its school, the host classroom first (`host`). */
export interface LessonClassroomRow {
  classroomId: string;
  classroomName: string;
  schoolId: string;
  schoolName: string;
  schoolKind: 'support' | 'receiving';
  host: boolean;
}

/** The host classroom and the paired classrooms of a lesson, with their schools' kinds; null without such a lesson. */
export async function lessonClassroomsOf(db: Db, lessonId: string): Promise<LessonClassroomRow[] | null> {
  const lesson = await db.selectFrom('lesson').select('host_classroom_id').where('id', '=', lessonId).executeTakeFirst();
  if (!lesson) return null;
  const rows = await db
    .selectFrom('classroom')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(['classroom.id', 'classroom.name', 'school.id as school_id', 'school.name as school_name', 'school.kind'])
    .where((eb) =>
      eb.or([
        eb('classroom.id', '=', lesson.host_classroom_id),
        eb('classroom.id', 'in', eb.selectFrom('lesson_classroom').select('classroom_id').where('lesson_id', '=', lessonId)),
      ]),
    )
    .orderBy('classroom.id')
    .execute();
  const host = lesson.host_classroom_id;
  return rows
    .map((r) => ({ classroomId: r.id, classroomName: r.name, schoolId: r.school_id, schoolName: r.school_name, schoolKind: r.kind, host: r.id === host }))
    .sort((a, b) => Number(b.host) - Number(a.host));
}
