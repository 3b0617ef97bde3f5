import type { Db } from '../db/database.js';
import { createLesson, deleteLesson } from '../db/lessonPlans.js';
import { terms, termTimetable } from '../db/timetable.js';
import { occurrences, type Occurrence } from './occurrences.js';
import { addDays, localParts } from './wallClock.js';

/** The lesson row of an occurrence: its id is the entry's and the day's, so making it twice makes it once. */
export const occurrenceLessonId = (entryId: string, occursOn: string): string => `${entryId}-${occursOn.replaceAll('-', '')}`;

/**
 * Makes the timetable's occurrences of the next `daysAhead` days into lesson
 * rows (with `starts_at`/`ends_at`), so joining, recording and reports work
 * on them as on any lesson. Idempotent: a row per entry and day is made
 * once, brought up to date while it has not begun (no 开始上课 yet, its
 * start still ahead), and removed when its occurrence went away (cancelled,
 * a holiday, the entry deleted) before it began. A lesson that began is the
 * lesson's record and stays as it was.
 */
export async function expandLessons(
  db: Db,
  options: { timeZone: string; daysAhead: number; now: number; /** told of each lesson made (推送's lesson.scheduled) */ scheduled?: (lessonId: string) => Promise<void> },
): Promise<{ made: number; updated: number; removed: number }> {
  const today = localParts(options.now, options.timeZone).date;
  const last = addDays(today, options.daysAhead);
  const wanted = new Map<string, Occurrence>();
  for (const bureau of await db.selectFrom('bureau').select('id').execute()) {
    for (const found of await terms(db, { bureauId: bureau.id })) {
      if (found.endsOn < today || found.startsOn > last) continue;
      for (const o of occurrences(await termTimetable(db, found), today, last, options.timeZone)) {
        if (o.endsAt > options.now) wanted.set(occurrenceLessonId(o.entry.id, o.occursOn), o);
      }
    }
  }
  const counts = { made: 0, updated: 0, removed: 0 };
  const existing = await db
    .selectFrom('lesson')
    .select(['id', 'title', 'teacher_account_id', 'host_classroom_id', 'starts_at', 'ends_at', 'subject', 'grade', 'form'])
    .where('timetable_entry_id', 'is not', null)
    .where('ends_at', '>', options.now)
    .execute();
  const begun = new Set((await db.selectFrom('lesson_session').select('lesson_id').distinct().execute()).map((r) => r.lesson_id));
  const untouched = (row: { id: string; starts_at: number | null }) => !begun.has(row.id) && (row.starts_at ?? 0) > options.now;
  for (const row of existing) {
    const o = wanted.get(row.id);
    if (!o && untouched(row)) {
      await deleteLesson(db, row.id);
      counts.removed += 1;
    }
  }
  const known = new Map(existing.map((row) => [row.id, row]));
  for (const [id, o] of wanted) {
    const row = known.get(id);
    const teacherName = o.entry.teacherName;
    if (!row) {
      // Another server may make the same row at the same moment: the primary key keeps one.
      try {
        await createLesson(db, {
          id,
          title: o.entry.title,
          teacherAccountId: o.entry.teacherAccountId,
          teacherName,
          hostClassroomId: o.entry.hostClassroomId,
          classroomIds: o.entry.classroomIds,
          startsAt: o.startsAt,
          endsAt: o.endsAt,
          subject: o.entry.subject ?? undefined,
          grade: o.entry.grade ?? undefined,
          timetable: { entryId: o.entry.id, occursOn: o.occursOn, form: o.entry.form },
        });
        counts.made += 1;
        await options.scheduled?.(id);
      } catch (error) {
        if (!(await db.selectFrom('lesson').select('id').where('id', '=', id).executeTakeFirst())) throw error;
      }
      continue;
    }
    if (!untouched(row)) continue;
    const rooms = (await db.selectFrom('lesson_classroom').select('classroom_id').where('lesson_id', '=', id).orderBy('classroom_id').execute()).map((r) => r.classroom_id);
    const same =
      row.title === o.entry.title && row.teacher_account_id === o.entry.teacherAccountId && row.host_classroom_id === o.entry.hostClassroomId &&
      row.starts_at === o.startsAt && row.ends_at === o.endsAt && row.subject === o.entry.subject && row.grade === o.entry.grade && row.form === o.entry.form &&
      rooms.join(',') === [...o.entry.classroomIds].sort().join(',');
    if (same) continue;
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('lesson')
        .set({ title: o.entry.title, teacher_account_id: o.entry.teacherAccountId, teacher_name: teacherName, host_classroom_id: o.entry.hostClassroomId, starts_at: o.startsAt, ends_at: o.endsAt, subject: o.entry.subject, grade: o.entry.grade, form: o.entry.form })
        .where('id', '=', id)
        .execute();
      await tx.deleteFrom('lesson_classroom').where('lesson_id', '=', id).execute();
      for (const classroomId of new Set(o.entry.classroomIds)) await tx.insertInto('lesson_classroom').values({ lesson_id: id, classroom_id: classroomId }).execute();
    });
    counts.updated += 1;
  }
  return counts;
}
