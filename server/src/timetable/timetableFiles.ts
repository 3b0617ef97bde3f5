import { lessonFormSchema, newTimetableEntrySchema, type ImportRowError, type NewTimetableEntry, type TimetableEntry, type TimetableFormat } from '@shared';
import type { Db } from '../db/database.js';
import { saveEntries, termTimetable, type TermRecord, type TermTimetable } from '../db/timetable.js';
import { TimetableConflict } from './conflicts.js';
import { parseCsv, rowsOf, toCsv, type TimetableRow } from './timetableCsv.js';
import { checkEntry, proposedEntry } from './timetableProposal.js';
import { parseXlsx, toXlsx, XLSX_TYPE } from './timetableXlsx.js';

/** A term's entries as a file to download. */
export async function exportTimetable(db: Db, found: TermRecord, format: TimetableFormat): Promise<{ type: string; body: string | Buffer }> {
  const { entries } = await termTimetable(db, found);
  const logins = new Map((await db.selectFrom('account').select(['id', 'login']).where('bureau_id', '=', found.bureauId).execute()).map((a) => [a.id, a.login]));
  const rows = entries.map((e) => rowOf(e, logins.get(e.teacherAccountId) ?? e.teacherAccountId));
  return format === 'xlsx' ? { type: XLSX_TYPE, body: await toXlsx(rows) } : { type: 'text/csv; charset=utf-8', body: toCsv(rows) };
}

const rowOf = (e: TimetableEntry, login: string): TimetableRow => ({
  weekday: e.weekday === null ? '' : String(e.weekday),
  date: e.onDate ?? '',
  start: e.startsAt,
  end: e.endsAt,
  title: e.title,
  subject: e.subject ?? '',
  grade: e.grade ?? '',
  form: e.form,
  teacher: login,
  host_classroom: e.hostClassroomId,
  classrooms: e.classroomIds.join(' '),
});

/**
 * Replaces the term's entries with a file's rows, all or nothing: each row is
 * checked as if the rows above it were already on the timetable (schema,
 * teacher, pairing, term, overlaps with each other and with the other
 * timetables and lessons); any bad row and nothing is imported. Row numbers
 * count the header as row 1, as a spreadsheet shows them.
 */
export async function importTimetable(db: Db, found: TermRecord, format: TimetableFormat, content: string, timeZone: string, zh: boolean): Promise<{ imported: number; errors: ImportRowError[] }> {
  let rows: TimetableRow[];
  try {
    rows = rowsOf(format === 'xlsx' ? await parseXlsx(content) : parseCsv(content));
  } catch (error) {
    return { imported: 0, errors: [{ row: 1, reason: (error as Error).message }] };
  }
  const logins = new Map((await db.selectFrom('account').select(['id', 'login']).where('bureau_id', '=', found.bureauId).execute()).map((a) => [a.login, a.id]));
  const current = await termTimetable(db, found);
  // The file replaces the term's entries: its rows are checked against everything but them.
  let proposed: TermTimetable = { ...current, entries: [], changes: [] };
  const errors: ImportRowError[] = [];
  const accepted: NewTimetableEntry[] = [];
  for (const [i, row] of rows.entries()) {
    const number = i + 2;
    const parsed = newTimetableEntrySchema.safeParse(valueOf(row, logins));
    if (!parsed.success) {
      errors.push({ row: number, reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ') });
      continue;
    }
    try {
      const candidate = await proposedEntry(db, found.id, `row${number}`, parsed.data, found.bureauId);
      proposed = await checkEntry(db, proposed, candidate, timeZone);
      accepted.push(parsed.data);
    } catch (error) {
      errors.push({ row: number, reason: error instanceof TimetableConflict && zh ? error.zh : (error as Error).message });
    }
  }
  if (errors.length > 0 || rows.length === 0) return { imported: 0, errors: rows.length === 0 ? [{ row: 2, reason: 'the file has no rows' }] : errors };
  await saveEntries(db, found.id, accepted, { replace: true });
  return { imported: accepted.length, errors: [] };
}

/** A row as an entry to parse: empty cells are left out, numbers and lists read from their text. */
function valueOf(row: TimetableRow, logins: Map<string, string>): unknown {
  const form = lessonFormSchema.safeParse(row.form);
  return {
    ...(row.weekday ? { weekday: Number(row.weekday) } : {}),
    ...(row.date ? { onDate: row.date } : {}),
    startsAt: row.start,
    endsAt: row.end,
    title: row.title,
    ...(row.subject ? { subject: row.subject } : {}),
    ...(row.grade ? { grade: row.grade } : {}),
    form: form.success ? form.data : row.form,
    teacherAccountId: logins.get(row.teacher.toLowerCase()) ?? (row.teacher || '-'),
    hostClassroomId: row.host_classroom,
    classroomIds: row.classrooms.split(/[\s;]+/).filter(Boolean),
  };
}
