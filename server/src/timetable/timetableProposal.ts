import { ErrorCode, LessonError, type NewTimetableEntry, type TimetableEntry } from '@shared';
import type { Db } from '../db/database.js';
import type { TermTimetable } from '../db/timetable.js';
import { checkInTerm, checkOverlaps, checkPairing } from './conflicts.js';

/** An entry as it would be stored, for the checks before it is. */
export async function proposedEntry(db: Db, termId: string, id: string, value: NewTimetableEntry, bureauId: string): Promise<TimetableEntry> {
  const teacher = await db.selectFrom('account').select(['id', 'name', 'role', 'bureau_id', 'disabled_at']).where('id', '=', value.teacherAccountId).executeTakeFirst();
  if (!teacher || teacher.role !== 'teacher' || teacher.bureau_id !== bureauId || teacher.disabled_at !== null) throw new LessonError(ErrorCode.NotFound, `no such teacher: ${value.teacherAccountId}`);
  return {
    id,
    termId,
    weekday: value.weekday ?? null,
    onDate: value.onDate ?? null,
    title: value.title,
    subject: value.subject ?? null,
    grade: value.grade ?? null,
    form: value.form,
    startsAt: value.startsAt,
    endsAt: value.endsAt,
    teacherAccountId: teacher.id,
    teacherName: teacher.name,
    hostClassroomId: value.hostClassroomId,
    classroomIds: [...new Set(value.classroomIds)],
  };
}

/** Every check of a term's timetable as it would be with `entry` in it (in place of the entry with its id). */
export async function checkEntry(db: Db, current: TermTimetable, entry: TimetableEntry, timeZone: string): Promise<TermTimetable> {
  await checkPairing(db, { ...entry, subject: entry.subject ?? undefined, grade: entry.grade ?? undefined, weekday: entry.weekday ?? undefined, onDate: entry.onDate ?? undefined });
  if (entry.onDate) checkInTerm(current.term, entry.onDate, entry.title);
  const proposed = { ...current, entries: [...current.entries.filter((e) => e.id !== entry.id), entry] };
  await checkOverlaps(db, proposed, timeZone, entry.id);
  return proposed;
}
