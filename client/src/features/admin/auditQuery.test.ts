import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@shared';
import { appendPage, auditQuery, noFilters } from './auditQuery';

const query = (text: string) => Object.fromEntries(new URLSearchParams(text.slice(1)));

describe('the audit log’s query', () => {
  it('asks for the newest page without filters', () => {
    expect(auditQuery(noFilters)).toBe('?limit=50');
  });

  it('sends each filter the form holds, a date range as whole local days', () => {
    const sent = query(auditQuery({ action: ' account.create ', actor: 'wangli', outcome: 'refused', from: '2025-09-01', to: '2025-09-02' }));
    expect(sent).toEqual({
      action: 'account.create',
      actor: 'wangli',
      outcome: 'refused',
      since: String(new Date(2025, 8, 1).getTime()),
      before: String(new Date(2025, 8, 3).getTime()),
      limit: '50',
    });
  });

  it('pages back from the oldest entry shown, never past the chosen last day', () => {
    expect(query(auditQuery(noFilters, 1_700_000_000_000)).before).toBe('1700000000000');
    const lastDay = { ...noFilters, to: '2025-09-02' };
    expect(query(auditQuery(lastDay, new Date(2025, 8, 2, 12).getTime())).before).toBe(String(new Date(2025, 8, 2, 12).getTime()));
    expect(query(auditQuery(lastDay, new Date(2025, 9, 1).getTime())).before).toBe(String(new Date(2025, 8, 3).getTime()));
  });

  it('shows each entry once where two pages meet', () => {
    const entry = (id: number): AuditEntry => ({ id, at: 1000 - id, actor: null, actorName: null, action: 'auth.login', target: null, outcome: 'ok', address: null, detail: null });
    expect(appendPage([entry(1), entry(2)], [entry(2), entry(3)]).map((e) => e.id)).toEqual([1, 2, 3]);
  });
});
