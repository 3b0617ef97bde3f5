import { plannedOccurrences, type Holiday, type PlannedOccurrence, type Term, type TimetableChange, type TimetableEntry } from '@shared';
import { wallClockMs } from './wallClock.js';

/** One lesson the timetable puts on the calendar, its times in ms. */
export interface Occurrence extends Omit<PlannedOccurrence, 'startsAt' | 'endsAt'> {
  startsAt: number;
  endsAt: number;
}

/** The occurrences of a term's entries from `from` to `to` (see plannedOccurrences), in ms of the school's zone, in time order. */
export function occurrences(
  timetable: { term: Term; holidays: readonly Holiday[]; entries: readonly TimetableEntry[]; changes: readonly TimetableChange[] },
  from: string,
  to: string,
  timeZone: string,
): Occurrence[] {
  return plannedOccurrences(timetable, from, to)
    .map((o) => ({ ...o, startsAt: wallClockMs(o.date, o.startsAt, timeZone), endsAt: wallClockMs(o.date, o.endsAt, timeZone) }))
    .sort((a, b) => a.startsAt - b.startsAt || a.entry.id.localeCompare(b.entry.id));
}
