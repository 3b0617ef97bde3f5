import type { Db } from './database.js';
import type { LessonClassroomRow, LessonEventRow } from './lessonEvents.js';

/** Lesson ids per statement: well under every database's limit of bound parameters. */
const CHUNK = 500;

/** A lesson of a stretch as the dashboard reads it, with its classrooms (host first), live intervals and events. */
export interface DashboardLessonRows {
  id: string;
  title: string;
  teacherName: string;
  form: string | null;
  startsAt: number | null;
  endsAt: number | null;
  classrooms: LessonClassroomRow[];
  live: Array<{ startedAt: number; endedAt: number | null }>;
  events: Array<Pick<LessonEventRow, 'at' | 'kind' | 'participant_id' | 'detail'>>;
}

async function inChunks<T>(ids: readonly string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
}

/**
 * The bureau's lessons that start in [from, to), or, without a start time,
 * first went live in it — in four statements per 500 lessons whatever their
 * number (lessons, classrooms, live intervals, events), never one per lesson.
 */
export async function dashboardLessonRows(db: Db, bureauId: string, from: number, to: number): Promise<DashboardLessonRows[]> {
  const lessons = await db
    .selectFrom('lesson')
    .innerJoin('classroom', 'classroom.id', 'lesson.host_classroom_id')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(['lesson.id', 'lesson.title', 'lesson.teacher_name', 'lesson.form', 'lesson.starts_at', 'lesson.ends_at', 'lesson.host_classroom_id'])
    .where('school.bureau_id', '=', bureauId)
    .where((eb) =>
      eb.or([
        eb.and([eb('lesson.starts_at', '>=', from), eb('lesson.starts_at', '<', to)]),
        eb.and([
          eb('lesson.starts_at', 'is', null),
          eb('lesson.id', 'in', eb.selectFrom('lesson_session').select('lesson_id').where('started_at', '>=', from).where('started_at', '<', to)),
        ]),
      ]),
    )
    .orderBy('lesson.starts_at')
    .orderBy('lesson.id')
    .execute();
  const ids = lessons.map((l) => l.id);
  const [paired, sessions, events] = await Promise.all([
    inChunks(ids, (chunk) =>
      db
        .selectFrom('lesson_classroom')
        .innerJoin('classroom', 'classroom.id', 'lesson_classroom.classroom_id')
        .innerJoin('school', 'school.id', 'classroom.school_id')
        .select(['lesson_classroom.lesson_id', 'classroom.id', 'classroom.name', 'school.id as school_id', 'school.name as school_name', 'school.kind'])
        .where('lesson_classroom.lesson_id', 'in', chunk)
        .orderBy('classroom.id')
        .execute(),
    ),
    inChunks(ids, (chunk) => db.selectFrom('lesson_session').select(['lesson_id', 'started_at', 'ended_at']).where('lesson_id', 'in', chunk).orderBy('started_at').execute()),
    inChunks(ids, (chunk) => db.selectFrom('lesson_event').select(['lesson_id', 'at', 'kind', 'participant_id', 'detail']).where('lesson_id', 'in', chunk).orderBy('lesson_id').orderBy('at').orderBy('id').execute()),
  ]);
  const hostIds = [...new Set(lessons.map((l) => l.host_classroom_id))];
  const hosts = await inChunks(hostIds, (chunk) =>
    db
      .selectFrom('classroom')
      .innerJoin('school', 'school.id', 'classroom.school_id')
      .select(['classroom.id', 'classroom.name', 'school.id as school_id', 'school.name as school_name', 'school.kind'])
      .where('classroom.id', 'in', chunk)
      .execute(),
  );
  const hostOf = new Map(hosts.map((h) => [h.id, h]));
  const byLesson = new Map<string, DashboardLessonRows>();
  const rows: DashboardLessonRows[] = [];
  for (const l of lessons) {
    const host = hostOf.get(l.host_classroom_id)!;
    const row: DashboardLessonRows = {
      id: l.id,
      title: l.title,
      teacherName: l.teacher_name,
      form: l.form,
      startsAt: l.starts_at === null ? null : Number(l.starts_at),
      endsAt: l.ends_at === null ? null : Number(l.ends_at),
      classrooms: [{ classroomId: host.id, classroomName: host.name, schoolId: host.school_id, schoolName: host.school_name, schoolKind: host.kind, host: true }],
      live: [],
      events: [],
    };
    byLesson.set(l.id, row);
    rows.push(row);
  }
  for (const c of paired) {
    const row = byLesson.get(c.lesson_id)!;
    if (c.id !== row.classrooms[0]!.classroomId) row.classrooms.push({ classroomId: c.id, classroomName: c.name, schoolId: c.school_id, schoolName: c.school_name, schoolKind: c.kind, host: false });
  }
  for (const s of sessions) byLesson.get(s.lesson_id)!.live.push({ startedAt: Number(s.started_at), endedAt: s.ended_at === null ? null : Number(s.ended_at) });
  for (const e of events) byLesson.get(e.lesson_id)!.events.push(e);
  return rows;
}
