import type { Holiday, Term, TimetableChange, TimetableEntry } from './timetable.js';

/*
 * The timetable's calendar arithmetic, shared by the server (which makes
 * lessons of it) and the 课表 page (which draws the week): dates are calendar
 * days `YYYY-MM-DD` of the school's time zone, handled as UTC dates, and times
 * are wall-clock `HH:MM`.
 */

const asUtcDay = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** The calendar day `days` after `date`. */
export const addDays = (date: string, days: number): string => new Date(asUtcDay(date) + days * 86_400_000).toISOString().slice(0, 10);

/** 1 Monday … 7 Sunday. */
export const weekdayOf = (date: string): number => new Date(asUtcDay(date)).getUTCDay() || 7;

/** One lesson the timetable puts on the calendar: an entry on one day (`occursOn`: its original day, the lesson's key). */
export interface PlannedOccurrence {
  entry: TimetableEntry;
  occursOn: string;
  /** The day it takes place (another one when moved). */
  date: string;
  startsAt: string;
  endsAt: string;
}

/**
 * The occurrences of a term's entries from `from` to `to` (original days, both
 * included): every weekday of the term but its holidays for a weekly entry,
 * its one day for a one-off; a cancelled occurrence is left out, a moved one
 * is put on its new day and time (and kept only if that is still in term).
 */
export function plannedOccurrences(
  timetable: { term: Term; holidays: readonly Holiday[]; entries: readonly TimetableEntry[]; changes: readonly TimetableChange[] },
  from: string,
  to: string,
): PlannedOccurrence[] {
  const { term, holidays, entries, changes } = timetable;
  const first = from > term.startsOn ? from : term.startsOn;
  const last = to < term.endsOn ? to : term.endsOn;
  const onHoliday = (date: string) => holidays.some((h) => h.startsOn <= date && date <= h.endsOn);
  const changeOf = new Map(changes.map((c) => [`${c.entryId}|${c.occursOn}`, c]));
  const found: PlannedOccurrence[] = [];
  const add = (entry: TimetableEntry, occursOn: string) => {
    const change = changeOf.get(`${entry.id}|${occursOn}`);
    if (change?.kind === 'cancel') return;
    const date = change?.toDate ?? occursOn;
    if (date < term.startsOn || date > term.endsOn) return;
    found.push({ entry, occursOn, date, startsAt: change?.startsAt ?? entry.startsAt, endsAt: change?.endsAt ?? entry.endsAt });
  };
  for (const entry of entries) {
    if (entry.onDate !== null) {
      if (entry.onDate >= first && entry.onDate <= last) add(entry, entry.onDate);
      continue;
    }
    for (let date = first; date <= last; date = addDays(date, 1)) {
      if (weekdayOf(date) === entry.weekday && !onHoliday(date)) add(entry, date);
    }
  }
  return found;
}
