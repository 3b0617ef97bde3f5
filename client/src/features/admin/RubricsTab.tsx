import { useState } from 'react';
import { z } from 'zod';
import { rubricSchema, scopeOf, type Rubric } from '@shared';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { useLoad } from '../accounts/useLoad';
import { api } from '../auth/session';
import { adminDictionary } from './adminMessages';
import { SchoolSelect } from './SchoolSelect';
import { firstSchool, type AdminScope } from './adminScope';
import { AdminTable } from './AdminTable';
import { RubricEditor } from './RubricEditor';

const rubricsSchema = z.array(rubricSchema);

/** 评课量表: the bureau's rubrics and the school's; a bureau admin writes the bureau's (or a school's), a school admin her school's. */
export function RubricsTab({ scope }: { scope: AdminScope }) {
  const t = useDictionary(adminDictionary);
  const rubrics = useLoad(() => api('/rubrics', rubricsSchema), 'rubrics');
  const [editing, setEditing] = useState<Rubric | 'new' | null>(null);
  const forBureau = scopeOf('rubric.manage', scope.me.role) === 'bureau';
  const [owner, setOwner] = useState<string>(forBureau ? '' : firstSchool(scope));
  const schoolName = (id: string | null) => (id === null ? t('admin.rubrics.bureauOwned') : (scope.schools.find((s) => s.id === id)?.name ?? id));
  const mayEdit = (rubric: Rubric) => forBureau || rubric.schoolId === scope.me.schoolId;
  const done = () => {
    setEditing(null);
    rubrics.reload();
  };
  return (
    <>
      <h2 className="account-panel__title">{t('admin.tab.rubrics')}</h2>
      <p className="account-hint">{t('admin.rubrics.explain')}</p>
      {editing === null && (
        <div className="account-form">
          {forBureau && (
            <SchoolSelect label={t('admin.rubrics.owner')} emptyLabel={t('admin.rubrics.bureauOwned')} schools={scope.schools} value={owner} onChange={setOwner} testId="rubric-owner" />
          )}
          <button type="button" className="button--primary" onClick={() => setEditing('new')} data-testid="rubric-new">
            {t('admin.rubrics.new')}
          </button>
        </div>
      )}
      {editing !== null && <RubricEditor rubric={editing === 'new' ? null : editing} schoolId={owner === '' ? null : owner} onSaved={done} onCancel={() => setEditing(null)} />}
      <LoadState loaded={rubrics}>
        {(list) => (
          <AdminTable items={list} empty={t('admin.rubrics.none')} headings={[t('admin.rubrics.name'), t('admin.rubrics.owner'), t('admin.rubrics.criteria'), t('admin.rubrics.used'), null]} testId="rubric-list">
            {(rubric) => (
              <tr key={rubric.id} data-testid="rubric-row" data-rubric-id={rubric.id}>
                <td>{rubric.name}</td>
                <td>{schoolName(rubric.schoolId)}</td>
                <td>{rubric.criteria.map((c) => `${c.name} ${c.weight}%`).join(t('accounts.listSeparator'))}</td>
                <td>{rubric.lessonsScored}</td>
                <td>
                  {mayEdit(rubric) && (
                    <button type="button" onClick={() => setEditing(rubric)} data-testid="rubric-edit">
                      {t('admin.rubrics.edit')}
                    </button>
                  )}
                </td>
              </tr>
            )}
          </AdminTable>
        )}
      </LoadState>
    </>
  );
}
