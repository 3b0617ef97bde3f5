import { addDays, plannedOccurrences, weekdayOf, type PlannedOccurrence, type Timetable } from '@shared';

/** One column of the 课表 page's week grid: a day, its holiday, its lessons by start time (调课 applied). */
export interface WeekDay {
  date: string;
  /** 1 Monday … 7 Sunday. */
  weekday: number;
  /** The holiday's name on that day, or null. */
  holiday: string | null;
  inTerm: boolean;
  occurrences: PlannedOccurrence[];
}

/** The Monday of the week `date` is in. */
export const mondayOf = (date: string): string => addDays(date, 1 - weekdayOf(date));

/** The seven days of the week that starts on `monday`, as the server makes them into lessons. */
export function weekOf(timetable: Timetable, monday: string): WeekDay[] {
  const { term, holidays } = timetable;
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  // The whole term: an occurrence moved into this week may come from any of its days.
  const all = plannedOccurrences(timetable, term.startsOn, term.endsOn);
  return days.map((date) => ({
    date,
    weekday: weekdayOf(date),
    holiday: holidays.find((h) => h.startsOn <= date && date <= h.endsOn)?.name ?? null,
    inTerm: term.startsOn <= date && date <= term.endsOn,
    occurrences: all.filter((o) => o.date === date).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
  }));
}

/** The rows of the grid: every start time of the week, in order. */
export const startTimes = (week: readonly WeekDay[]): string[] => [...new Set(week.flatMap((d) => d.occurrences.map((o) => o.startsAt)))].sort();
