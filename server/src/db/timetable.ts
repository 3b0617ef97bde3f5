import type { Holiday, LessonForm, NewTerm, NewTimetableChange, NewTimetableEntry, Term, TimetableChange, TimetableEntry } from '@shared';
import { newId } from './ids.js';
import type { Db } from './database.js';

/** 课表 in SQL: terms, holidays, entries, changes (see schema.ts). */

export interface TermRecord extends Term {
  bureauId: string;
}

/** A term's records, as occurrences() reads them. */
export interface TermTimetable {
  term: TermRecord;
  holidays: Holiday[];
  entries: TimetableEntry[];
  changes: TimetableChange[];
}

const termQuery = (db: Db) =>
  db.selectFrom('timetable_term').innerJoin('school', 'school.id', 'timetable_term.school_id').select([
    'timetable_term.id', 'timetable_term.school_id', 'timetable_term.name', 'timetable_term.starts_on', 'timetable_term.ends_on', 'school.bureau_id',
  ]);
type TermRow = { id: string; school_id: string; name: string; starts_on: string; ends_on: string; bureau_id: string };
const termView = (r: TermRow): TermRecord => ({ id: r.id, schoolId: r.school_id, name: r.name, startsOn: r.starts_on, endsOn: r.ends_on, bureauId: r.bureau_id });

export async function term(db: Db, id: string): Promise<TermRecord | null> {
  const row = await termQuery(db).where('timetable_term.id', '=', id).executeTakeFirst();
  return row ? termView(row) : null;
}

/** The terms of these schools, or of the whole bureau. */
export async function terms(db: Db, filter: { bureauId: string; schoolIds?: readonly string[] }): Promise<TermRecord[]> {
  let query = termQuery(db).where('school.bureau_id', '=', filter.bureauId);
  if (filter.schoolIds) {
    if (filter.schoolIds.length === 0) return [];
    query = query.where('timetable_term.school_id', 'in', [...filter.schoolIds]);
  }
  return (await query.orderBy('timetable_term.starts_on').execute()).map(termView);
}

export async function createTerm(db: Db, value: NewTerm): Promise<string> {
  const id = newId('term');
  await db.insertInto('timetable_term').values({ id, school_id: value.schoolId, name: value.name, starts_on: value.startsOn, ends_on: value.endsOn, created_at: Date.now() }).execute();
  return id;
}

export const updateTermDates = (db: Db, id: string, value: { name: string; startsOn: string; endsOn: string }) =>
  db.updateTable('timetable_term').set({ name: value.name, starts_on: value.startsOn, ends_on: value.endsOn }).where('id', '=', id).execute();

export async function addHoliday(db: Db, termId: string, value: { name: string; startsOn: string; endsOn: string }): Promise<string> {
  const id = newId('hol');
  await db.insertInto('timetable_holiday').values({ id, term_id: termId, name: value.name, starts_on: value.startsOn, ends_on: value.endsOn }).execute();
  return id;
}

export const deleteHoliday = (db: Db, id: string) => db.deleteFrom('timetable_holiday').where('id', '=', id).execute();

export async function holidayTerm(db: Db, id: string): Promise<string | null> {
  return (await db.selectFrom('timetable_holiday').select('term_id').where('id', '=', id).executeTakeFirst())?.term_id ?? null;
}

const entryRow = (termId: string, entry: NewTimetableEntry) => ({
  term_id: termId,
  weekday: entry.weekday ?? null,
  on_date: entry.onDate ?? null,
  title: entry.title,
  subject: entry.subject ?? null,
  grade: entry.grade ?? null,
  form: entry.form,
  starts_at: entry.startsAt,
  ends_at: entry.endsAt,
  teacher_account_id: entry.teacherAccountId,
  host_classroom_id: entry.hostClassroomId,
  classroom_ids: [...new Set(entry.classroomIds)].join(','),
});

/** Adds entries (one transaction: an import is all or nothing), optionally replacing every entry of the term. */
export async function saveEntries(db: Db, termId: string, entries: readonly NewTimetableEntry[], options: { replace?: boolean } = {}): Promise<string[]> {
  const ids = entries.map(() => newId('tte'));
  await db.transaction().execute(async (tx) => {
    if (options.replace) {
      const old = tx.selectFrom('timetable_entry').select('id').where('term_id', '=', termId);
      await tx.deleteFrom('timetable_change').where('entry_id', 'in', old).execute();
      await tx.deleteFrom('timetable_entry').where('term_id', '=', termId).execute();
    }
    for (const [i, entry] of entries.entries()) await tx.insertInto('timetable_entry').values({ id: ids[i]!, ...entryRow(termId, entry), created_at: Date.now() }).execute();
  });
  return ids;
}

export const updateEntry = (db: Db, id: string, termId: string, entry: NewTimetableEntry) =>
  db.updateTable('timetable_entry').set(entryRow(termId, entry)).where('id', '=', id).execute();

export async function deleteEntry(db: Db, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('timetable_change').where('entry_id', '=', id).execute();
    await tx.deleteFrom('timetable_entry').where('id', '=', id).execute();
  });
}

/** One entry with its term's id. */
export async function entry(db: Db, id: string): Promise<TimetableEntry | null> {
  const rows = await entriesWhere(db, (q) => q.where('timetable_entry.id', '=', id));
  return rows[0] ?? null;
}

async function entriesWhere(db: Db, filter: (q: ReturnType<typeof entryQuery>) => ReturnType<typeof entryQuery>): Promise<TimetableEntry[]> {
  const rows = await filter(entryQuery(db)).orderBy('timetable_entry.weekday').orderBy('timetable_entry.starts_at').orderBy('timetable_entry.id').execute();
  return rows.map((r) => ({
    id: r.id,
    termId: r.term_id,
    weekday: r.weekday,
    onDate: r.on_date,
    title: r.title,
    subject: r.subject,
    grade: r.grade,
    form: r.form as LessonForm,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    teacherAccountId: r.teacher_account_id,
    teacherName: r.teacher_name ?? '',
    hostClassroomId: r.host_classroom_id,
    classroomIds: r.classroom_ids ? r.classroom_ids.split(',') : [],
  }));
}
const entryQuery = (db: Db) =>
  db.selectFrom('timetable_entry').leftJoin('account', 'account.id', 'timetable_entry.teacher_account_id').selectAll('timetable_entry').select('account.name as teacher_name');

export async function addChange(db: Db, change: NewTimetableChange): Promise<string> {
  const id = newId('ttc');
  const moved = change.kind === 'move' ? { to_date: change.toDate, starts_at: change.startsAt, ends_at: change.endsAt } : { to_date: null, starts_at: null, ends_at: null };
  await db.transaction().execute(async (tx) => {
    // One change per occurrence: a second one replaces the first.
    await tx.deleteFrom('timetable_change').where('entry_id', '=', change.entryId).where('occurs_on', '=', change.occursOn).execute();
    await tx.insertInto('timetable_change').values({ id, entry_id: change.entryId, kind: change.kind, occurs_on: change.occursOn, ...moved }).execute();
  });
  return id;
}

export async function changeEntry(db: Db, id: string): Promise<string | null> {
  return (await db.selectFrom('timetable_change').select('entry_id').where('id', '=', id).executeTakeFirst())?.entry_id ?? null;
}

export const deleteChange = (db: Db, id: string) => db.deleteFrom('timetable_change').where('id', '=', id).execute();

/** A term with its holidays, entries and changes. */
export async function termTimetable(db: Db, found: TermRecord): Promise<TermTimetable> {
  const holidays = await db.selectFrom('timetable_holiday').selectAll().where('term_id', '=', found.id).orderBy('starts_on').execute();
  const entries = await entriesWhere(db, (q) => q.where('timetable_entry.term_id', '=', found.id));
  const changes = await db
    .selectFrom('timetable_change')
    .innerJoin('timetable_entry', 'timetable_entry.id', 'timetable_change.entry_id')
    .selectAll('timetable_change')
    .where('timetable_entry.term_id', '=', found.id)
    .orderBy('timetable_change.occurs_on')
    .execute();
  return {
    term: found,
    holidays: holidays.map((h) => ({ id: h.id, termId: h.term_id, name: h.name, startsOn: h.starts_on, endsOn: h.ends_on })),
    entries,
    changes: changes.map((c) => ({ id: c.id, entryId: c.entry_id, kind: c.kind, occursOn: c.occurs_on, toDate: c.to_date, startsAt: c.starts_at, endsAt: c.ends_at })),
  };
}
