import type { Locale } from '../i18n/messages';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, options: 'dateTime' | 'time'): Intl.DateTimeFormat {
  let format = formats.get(`${locale}:${options}`);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options === 'dateTime' ? { dateStyle: 'medium', timeStyle: 'short' } : { timeStyle: 'short' });
    formats.set(`${locale}:${options}`, format);
  }
  return format;
}

/** A moment as the reader writes it (2025年9月1日 08:00 or Sep 1, 2025, 8:00 AM); one formatter per language. */
export function formatTime(at: number, locale: Locale): string {
  return formatter(locale, 'dateTime').format(at);
}

/** From when to when; an end on the same day is only its time (9月1日 08:00 – 08:40). */
export function formatSpan(start: number, end: number | null, locale: Locale): string {
  if (end === null) return formatTime(start, locale);
  const sameDay = new Date(start).toDateString() === new Date(end).toDateString();
  return `${formatTime(start, locale)} – ${sameDay ? formatter(locale, 'time').format(end) : formatTime(end, locale)}`;
}

/** The `value` of an `<input type="datetime-local">` for a moment, in this computer's time zone. */
export function toLocalInput(at: number): string {
  const date = new Date(at - new Date(at).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

/** The moment an `<input type="datetime-local">` (or `type="date"`) shows, in this computer's time zone; undefined when empty or unreadable. */
export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  // Without a zone, `new Date("2025-09-01T08:00")` is local time, but a date alone is read as UTC: make it local midnight.
  const at = new Date(value.length === 10 ? `${value}T00:00` : value).getTime();
  return Number.isFinite(at) ? at : undefined;
}
