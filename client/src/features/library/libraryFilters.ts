import { fromLocalInput } from '../accounts/format';

/** The library's filters as the page holds them: strings of its inputs, '' for none; dates as `YYYY-MM-DD`. */
export interface LibraryFilters {
  q: string;
  subject: string;
  grade: string;
  teacher: string;
  school: string;
  from: string;
  to: string;
}

export const emptyFilters: LibraryFilters = { q: '', subject: '', grade: '', teacher: '', school: '', from: '', to: '' };

const DAY_MS = 86_400_000;

/** The filters in an address's query (`?subject=数学&from=2025-09-01`); unknown or malformed values are ignored. */
export function filtersFromSearch(search: string): LibraryFilters {
  const params = new URLSearchParams(search);
  const filters = { ...emptyFilters };
  for (const key of Object.keys(emptyFilters) as Array<keyof LibraryFilters>) {
    const value = params.get(key)?.trim().slice(0, 64) ?? '';
    if ((key === 'from' || key === 'to') && !/^\d{4}-\d{2}-\d{2}$/.test(value)) continue;
    filters[key] = value;
  }
  return filters;
}

/** The filters as the page's address shows them (dates as days). */
export function searchOf(filters: LibraryFilters): string {
  return new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== '')).toString();
}

/** The API's query: dates become the server's ms, the end date inclusive (up to its last moment). */
export function apiQueryOf(filters: LibraryFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (!value) continue;
    if (key === 'from' || key === 'to') {
      const at = fromLocalInput(value);
      if (at !== undefined) params.set(key, String(key === 'to' ? at + DAY_MS - 1 : at));
    } else params.set(key, value);
  }
  return params.toString();
}
