/*
 * Wall-clock times of the school's time zone (SCHOOL_TIME_ZONE) and ms since
 * the epoch, with Intl alone. "08:00 on 2026-09-07" is the instant whose
 * local time in that zone is 08:00 on that day: its UTC guess corrected by
 * the zone's offset at that instant (looked at twice, so a day on which the
 * offset changes lands on the right side of the change). A local time that
 * does not exist (skipped by a DST change) comes out an hour later.
 */

export { addDays, weekdayOf } from '@shared';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The local date and time in the zone at `ms`. */
export function localParts(ms: number, timeZone: string): { date: string; time: string; seconds: number } {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, time: `${parts['hour']}:${parts['minute']}`, seconds: Number(parts['second']) };
}

/** How far the zone's wall clock is ahead of UTC at `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const { date, time, seconds } = localParts(ms, timeZone);
  return asUtc(date, time) + seconds * 1000 - Math.floor(ms / 1000) * 1000;
}

/** The date and time read as if they were UTC. */
const asUtc = (date: string, time: string): number => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, h, min);
};

/** The instant at which the zone's clocks show `time` on `date`. */
export function wallClockMs(date: string, time: string, timeZone: string): number {
  const guess = asUtc(date, time);
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/** Whether the zone is one Intl knows (config checks SCHOOL_TIME_ZONE with it). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
