import type { AuditEntry } from '@shared';
import { fromLocalInput } from '../accounts/format';

/** The audit log's filters as the form holds them; dates are `<input type="date">` values of this computer's days. */
export interface AuditFilters {
  action: string;
  actor: string;
  outcome: '' | 'ok' | 'refused';
  from: string;
  to: string;
}

export const noFilters: AuditFilters = { action: '', actor: '', outcome: '', from: '', to: '' };

/** Entries per page. */
export const AUDIT_PAGE = 50;

/** The midnight after a local day: `before` for "up to and including that day". */
function dayAfter(date: string): number | undefined {
  const start = fromLocalInput(date);
  if (start === undefined) return undefined;
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next.getTime();
}

/**
 * The query of `GET /api/audit` for the filters and, after the first page,
 * `before` the oldest entry shown (the log is read newest first).
 */
export function auditQuery(filters: AuditFilters, olderThan?: number): string {
  const params = new URLSearchParams();
  if (filters.action.trim()) params.set('action', filters.action.trim());
  if (filters.actor.trim()) params.set('actor', filters.actor.trim());
  if (filters.outcome) params.set('outcome', filters.outcome);
  const since = fromLocalInput(filters.from);
  if (since !== undefined) params.set('since', String(since));
  const until = dayAfter(filters.to);
  const before = [until, olderThan].filter((at): at is number => at !== undefined);
  if (before.length) params.set('before', String(Math.min(...before)));
  params.set('limit', String(AUDIT_PAGE));
  return `?${params.toString()}`;
}

/** A further page after those shown: each entry once, even where two pages meet at one millisecond. */
export function appendPage(shown: readonly AuditEntry[], page: readonly AuditEntry[]): AuditEntry[] {
  const seen = new Set(shown.map((entry) => entry.id));
  return [...shown, ...page.filter((entry) => !seen.has(entry.id))];
}
