import { useState, type FormEvent } from 'react';
import { schoolSchema, type School } from '@shared';
import { api } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { RequestError } from '../accounts/RequestError';
import { useRequest } from '../accounts/useRequest';
import { adminDictionary } from './adminMessages';
import type { AdminScope } from './adminScope';
import { AdminTable } from './AdminTable';

/** 学校: the bureau's schools, 支援校 (city, teaching) and 受援校 (rural, receiving); the bureau admin adds them. */
export function SchoolsTab({ scope }: { scope: AdminScope }) {
  const t = useDictionary(adminDictionary);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<School['kind']>('support');
  const create = useRequest();
  const settings = useRequest();
  // 录制: a school admin (or the bureau's) decides whether every lesson the school hosts records by itself.
  const setRecording = (school: School, recordLessons: boolean) =>
    void settings.run(() => api(`/schools/${encodeURIComponent(school.id)}/settings`, schoolSchema, { body: { recordLessons } }).then(() => undefined)).then((done) => done && scope.reloadSchools());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    void create
      .run(() => api('/schools', schoolSchema, { body: { name: name.trim(), kind } }).then(() => setName('')))
      .then((done) => done && scope.reloadSchools());
  };

  return (
    <>
      <h2 className="account-panel__title">{t('admin.tab.schools')}</h2>
      <form className="account-form" data-testid="new-school-form" onSubmit={submit}>
        <label className="field field--wide">
          <span>{t('admin.schools.name')}</span>
          <input data-testid="new-school-name" value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('admin.schools.kind')}</span>
          <select data-testid="new-school-kind" value={kind} onChange={(event) => setKind(event.target.value as School['kind'])}>
            <option value="support">{t('admin.schools.kind.support')}</option>
            <option value="receiving">{t('admin.schools.kind.receiving')}</option>
          </select>
        </label>
        <button type="submit" className="button--primary" data-testid="new-school-submit" disabled={create.pending || !name.trim()}>
          {t('admin.schools.create')}
        </button>
      </form>
      <RequestError error={create.error} />
      <RequestError error={settings.error} />
      <AdminTable
        items={scope.schools}
        empty={t(scope.schoolsReady ? 'admin.schools.none' : 'accounts.loading')}
        headings={[t('admin.schools.name'), t('admin.schools.kind'), t('admin.schools.record')]}
        testId="school-list"
      >
        {(school) => (
          <tr key={school.id} data-testid="school-row" data-school-id={school.id}>
            <td>{school.name}</td>
            <td>{t(`admin.schools.kind.${school.kind}`)}</td>
            <td>
              <label className="school-record">
                <input
                  type="checkbox"
                  data-testid="school-record"
                  checked={school.recordLessons}
                  disabled={settings.pending}
                  onChange={(event) => setRecording(school, event.target.checked)}
                />
                {t('admin.schools.recordHint')}
              </label>
            </td>
          </tr>
        )}
      </AdminTable>
    </>
  );
}
