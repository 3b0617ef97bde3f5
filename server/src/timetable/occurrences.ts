import type { Holiday, Term, TimetableChange, TimetableEntry } from '@shared';
import { addDays, wallClockMs, weekdayOf } from './wallClock.js';

/** One lesson the timetable puts on the calendar: an entry on one day (`occursOn`: its original day, the lesson's key). */
export interface Occurrence {
  entry: TimetableEntry;
  occursOn: string;
  /** The day it takes place (another one when moved). */
  date: string;
  startsAt: number;
  endsAt: number;
}

/**
 * The occurrences of a term's entries from `from` to `to` (days, both
 * included): every weekday of the term but its holidays for a weekly entry,
 * its one day for a one-off; a cancelled occurrence is left out, a moved one
 * is put on its new day and time (and kept only if that is still in term).
 */
export function occurrences(
  timetable: { term: Term; holidays: readonly Holiday[]; entries: readonly TimetableEntry[]; changes: readonly TimetableChange[] },
  from: string,
  to: string,
  timeZone: string,
): Occurrence[] {
  const { term, holidays, entries, changes } = timetable;
  const first = from > term.startsOn ? from : term.startsOn;
  const last = to < term.endsOn ? to : term.endsOn;
  const onHoliday = (date: string) => holidays.some((h) => h.startsOn <= date && date <= h.endsOn);
  const changeOf = new Map(changes.map((c) => [`${c.entryId}|${c.occursOn}`, c]));
  const found: Occurrence[] = [];
  const add = (entry: TimetableEntry, occursOn: string) => {
    const change = changeOf.get(`${entry.id}|${occursOn}`);
    if (change?.kind === 'cancel') return;
    const date = change?.toDate ?? occursOn;
    if (date < term.startsOn || date > term.endsOn) return;
    const startsAt = wallClockMs(date, change?.startsAt ?? entry.startsAt, timeZone);
    const endsAt = wallClockMs(date, change?.endsAt ?? entry.endsAt, timeZone);
    found.push({ entry, occursOn, date, startsAt, endsAt });
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
  return found.sort((a, b) => a.startsAt - b.startsAt || a.entry.id.localeCompare(b.entry.id));
}
