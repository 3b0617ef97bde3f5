import { ErrorCode, LessonError, type NewTimetableEntry, type TimetableEntry } from '@shared';
import type { Db } from '../db/database.js';
import { classroom, pairedSchools } from '../db/organisation.js';
import { terms, termTimetable, type TermRecord, type TermTimetable } from '../db/timetable.js';
import { occurrences } from './occurrences.js';
import { localParts } from './wallClock.js';

/** A time someone or some classroom is taken: an occurrence of the timetable or a lesson created by hand. */
interface Booking {
  title: string;
  teacherAccountId: string | null;
  teacherName: string;
  classroomIds: readonly string[];
  startsAt: number;
  endsAt: number;
  /** The entry it comes from (null: a lesson created by hand). */
  entryId: string | null;
}

/** A refused timetable change; `zh` is the same sentence for the 课表 page. */
export class TimetableConflict extends LessonError {
  constructor(
    message: string,
    readonly zh: string,
  ) {
    super(ErrorCode.Conflict, message);
  }
}

const when = (b: { startsAt: number; endsAt: number }, timeZone: string): string => {
  const start = localParts(b.startsAt, timeZone);
  return `${start.date} ${start.time}–${localParts(b.endsAt, timeZone).time}`;
};

/** Receiving classrooms must be of the host's school or a school paired with it (结对). */
export async function checkPairing(db: Db, entry: NewTimetableEntry): Promise<void> {
  const host = await classroom(db, entry.hostClassroomId);
  if (!host) throw new LessonError(ErrorCode.NotFound, `no such host classroom: ${entry.hostClassroomId}`);
  const allowed = new Set([host.schoolId, ...(await pairedSchools(db, host.schoolId))]);
  for (const id of entry.classroomIds) {
    const room = await classroom(db, id);
    if (!room) throw new LessonError(ErrorCode.NotFound, `no such classroom: ${id}`);
    if (!allowed.has(room.schoolId)) {
      throw new TimetableConflict(`${room.schoolName} · ${room.name} is outside the pairings of ${host.schoolName}`, `${room.schoolName} · ${room.name} 不在 ${host.schoolName} 的结对学校内`);
    }
  }
}

/** One-off lessons and moved occurrences must fall within the term. */
export function checkInTerm(term: TermRecord, date: string, title: string): void {
  if (date < term.startsOn || date > term.endsOn) {
    throw new TimetableConflict(`"${title}" on ${date} is outside the term ${term.name} (${term.startsOn} – ${term.endsOn})`, `「${title}」${date} 不在学期「${term.name}」（${term.startsOn} 至 ${term.endsOn}）内`);
  }
}

/**
 * Refuses `proposed` (a term's timetable as it would be after the change)
 * when one of its occurrences takes a teacher or a classroom that another
 * lesson takes at the same time: another entry of any term of the bureau, or
 * a lesson created by hand. The message names the other lesson and its time.
 */
export async function checkOverlaps(db: Db, proposed: TermTimetable, timeZone: string, focus?: string): Promise<void> {
  const { term } = proposed;
  const mine = occurrences(proposed, term.startsOn, term.endsOn, timeZone).map((o) => bookingOf(o.entry, o));
  const others: Booking[] = [];
  for (const other of await terms(db, { bureauId: term.bureauId })) {
    if (other.id === term.id || other.endsOn < term.startsOn || other.startsOn > term.endsOn) continue;
    const timetable = await termTimetable(db, other);
    others.push(...occurrences(timetable, term.startsOn, term.endsOn, timeZone).map((o) => bookingOf(o.entry, o)));
  }
  others.push(...(await handMadeLessons(db, mine)));
  for (const [i, a] of mine.entries()) {
    const clash = [...mine.slice(i + 1).filter((b) => b.entryId !== a.entryId), ...others].find((b) => a.startsAt < b.endsAt && b.startsAt < a.endsAt && shares(a, b));
    // The message speaks of the entry being saved (`focus`) and names the one it meets.
    if (clash) await (clash.entryId === focus ? refuse(db, clash, a, timeZone) : refuse(db, a, clash, timeZone));
  }
}

function bookingOf(entry: TimetableEntry, at: { startsAt: number; endsAt: number }): Booking {
  return { title: entry.title, teacherAccountId: entry.teacherAccountId, teacherName: entry.teacherName, classroomIds: [entry.hostClassroomId, ...entry.classroomIds], ...at, entryId: entry.id };
}

const shares = (a: Booking, b: Booking): boolean => (a.teacherAccountId !== null && a.teacherAccountId === b.teacherAccountId) || a.classroomIds.some((id) => b.classroomIds.includes(id));

async function refuse(db: Db, a: Booking, b: Booking, timeZone: string): Promise<never> {
  const other = `"${b.title}" (${when(b, timeZone)})`;
  const otherZh = `「${b.title}」（${when(b, timeZone)}）`;
  if (a.teacherAccountId !== null && a.teacherAccountId === b.teacherAccountId) {
    throw new TimetableConflict(`teacher ${b.teacherName} already teaches ${other} at the time of "${a.title}" (${when(a, timeZone)})`, `${teacherZh(b.teacherName)}在「${a.title}」（${when(a, timeZone)}）的时间已有课：${otherZh}`);
  }
  const id = a.classroomIds.find((c) => b.classroomIds.includes(c))!;
  const room = await classroom(db, id);
  const name = room ? `${room.schoolName} · ${room.name}` : id;
  throw new TimetableConflict(`classroom ${name} is already in ${other} at the time of "${a.title}" (${when(a, timeZone)})`, `教室 ${name} 在「${a.title}」（${when(a, timeZone)}）的时间已有课：${otherZh}`);
}

/** Lessons created by hand (not by the timetable) with a time in the span of these bookings. */
async function handMadeLessons(db: Db, span: readonly Booking[]): Promise<Booking[]> {
  if (span.length === 0) return [];
  const from = Math.min(...span.map((b) => b.startsAt));
  const to = Math.max(...span.map((b) => b.endsAt));
  const rows = await db
    .selectFrom('lesson')
    .select(['id', 'title', 'teacher_account_id', 'teacher_name', 'host_classroom_id', 'starts_at', 'ends_at'])
    .where('timetable_entry_id', 'is', null)
    .where('starts_at', 'is not', null)
    .where('ends_at', 'is not', null)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .execute();
  const bookings: Booking[] = [];
  for (const r of rows) {
    const rooms = await db.selectFrom('lesson_classroom').select('classroom_id').where('lesson_id', '=', r.id).execute();
    bookings.push({ title: r.title, teacherAccountId: r.teacher_account_id, teacherName: r.teacher_name, classroomIds: [r.host_classroom_id, ...rooms.map((c) => c.classroom_id)], startsAt: r.starts_at!, endsAt: r.ends_at!, entryId: null });
  }
  return bookings;
}

/** A teacher named in Chinese: 陈老师 stays 陈老师, 陈晓 becomes 陈晓老师 (never 陈老师 老师). */
const teacherZh = (name: string): string => (name.endsWith('老师') ? name : `${name}老师`);
