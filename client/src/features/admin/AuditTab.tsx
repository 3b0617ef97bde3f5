import { useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { auditEntrySchema, type AuditEntry } from '@shared';
import { api } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { formatTime } from '../accounts/format';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { useI18nStore } from '../i18n/i18nStore';
import { adminDictionary } from './adminMessages';
import { AdminTable } from './AdminTable';
import { appendPage, AUDIT_PAGE, auditQuery, noFilters, type AuditFilters } from './auditQuery';

const entriesSchema = z.array(auditEntrySchema);

/** 审计日志: who did what, when, from where, and what was refused; newest first, filtered, paged back in time. */
export function AuditTab() {
  const t = useDictionary(adminDictionary);
  const [form, setForm] = useState<AuditFilters>(noFilters);
  const [applied, setApplied] = useState<AuditFilters>(noFilters);
  const first = useLoad(() => api(`/audit${auditQuery(applied)}`, entriesSchema), auditQuery(applied));
  const field = (name: 'action' | 'actor' | 'from' | 'to', label: Parameters<typeof t>[0], type = 'text') => (
    <label className="field">
      <span>{t(label)}</span>
      <input data-testid={`audit-${name}`} type={type} value={form[name]} onChange={(event) => setForm({ ...form, [name]: event.target.value })} />
    </label>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied({ ...form });
    // The same filters again: read the newest entries again.
    first.reload();
  };

  return (
    <>
      <h2 className="account-panel__title">{t('admin.tab.audit')}</h2>
      <form className="account-form" data-testid="audit-filters" onSubmit={submit}>
        {field('action', 'admin.audit.action')}
        {field('actor', 'admin.audit.actor')}
        <label className="field">
          <span>{t('admin.audit.outcome')}</span>
          <select data-testid="audit-outcome" value={form.outcome} onChange={(event) => setForm({ ...form, outcome: event.target.value as AuditFilters['outcome'] })}>
            <option value="">{t('admin.audit.outcome.any')}</option>
            <option value="ok">{t('admin.audit.outcome.ok')}</option>
            <option value="refused">{t('admin.audit.outcome.refused')}</option>
          </select>
        </label>
        {field('from', 'admin.audit.from', 'date')}
        {field('to', 'admin.audit.to', 'date')}
        <button type="submit" className="button--primary" data-testid="audit-search">
          {t('admin.audit.search')}
        </button>
      </form>
      <LoadState loaded={first}>{(page) => <AuditPages filters={applied} firstPage={page} />}</LoadState>
    </>
  );
}

/** The first page and whatever 更早的记录 brought after it. */
function AuditPages({ filters, firstPage }: { filters: AuditFilters; firstPage: AuditEntry[] }) {
  const t = useDictionary(adminDictionary);
  const locale = useI18nStore((state) => state.locale);
  const [entries, setEntries] = useState(firstPage);
  const [more, setMore] = useState(firstPage.length >= AUDIT_PAGE);
  const older = useRequest();
  // A new first page (new filters, or 查询 again) starts the list afresh.
  useEffect(() => {
    setEntries(firstPage);
    setMore(firstPage.length >= AUDIT_PAGE);
  }, [firstPage]);

  const loadOlder = () => {
    const oldest = entries[entries.length - 1];
    if (!oldest) return;
    // One millisecond later: entries sharing the oldest one's moment come again and are shown once, none is skipped.
    void older.run(() =>
      api(`/audit${auditQuery(filters, oldest.at + 1)}`, entriesSchema).then((page) => {
        const next = appendPage(entries, page);
        setEntries(next);
        setMore(page.length >= AUDIT_PAGE && next.length > entries.length);
      }),
    );
  };

  return (
    <>
      <AdminTable
        items={entries}
        empty={t('admin.audit.none')}
        headings={[
          t('admin.audit.at'),
          t('admin.audit.actor'),
          t('admin.audit.action'),
          t('admin.audit.target'),
          t('admin.audit.outcome'),
          t('admin.audit.address'),
          t('admin.audit.detail'),
        ]}
        testId="audit-list"
      >
        {(entry) => (
          <tr key={entry.id} data-testid="audit-row" data-action={entry.action} data-outcome={entry.outcome}>
            <td>{formatTime(entry.at, locale)}</td>
            <td>{entry.actorName ?? entry.actor ?? '—'}</td>
            <td>{entry.action}</td>
            <td>{entry.target ?? ''}</td>
            <td className={entry.outcome === 'refused' ? 'outcome--refused' : undefined}>{t(`admin.audit.outcome.${entry.outcome}`)}</td>
            <td>{entry.address ?? ''}</td>
            <td className="audit-detail">{entry.detail ?? ''}</td>
          </tr>
        )}
      </AdminTable>
      {/* Without entries there is nothing to page back from, and a paging error left over belongs to the filters before. */}
      {entries.length > 0 && (
        <>
          {more && (
            <button type="button" data-testid="audit-older" disabled={older.pending} onClick={loadOlder}>
              {t('admin.audit.older')}
            </button>
          )}
          <RequestError error={older.error} />
        </>
      )}
    </>
  );
}
