import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { pairingSchema, type Pairing, type School } from '@shared';
import { api } from '../auth/session';
import { ConfirmButton } from '../accounts/ConfirmButton';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { adminDictionary } from './adminMessages';
import { SchoolSelect } from './SchoolSelect';
import type { AdminScope } from './adminScope';
import { AdminTable } from './AdminTable';

const pairingsSchema = z.array(pairingSchema);

/** 结对: which city school (支援校) teaches with which rural school (受援校); a teacher may pick the classrooms of paired schools. */
export function PairingsTab({ scope }: { scope: AdminScope }) {
  const t = useDictionary(adminDictionary);
  const pairings = useLoad(() => api('/pairings', pairingsSchema), 'pairings');
  const supporting = scope.schools.filter((school) => school.kind === 'support');
  const receiving = scope.schools.filter((school) => school.kind === 'receiving');
  const [supportSchoolId, setSupport] = useState('');
  const [receivingSchoolId, setReceiving] = useState('');
  const create = useRequest();
  const remove = useRequest();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!supportSchoolId || !receivingSchoolId) return;
    void create.run(() => api('/pairings', pairingSchema, { body: { supportSchoolId, receivingSchoolId } }).then(pairings.reload));
  };
  const unpair = (pairing: Pairing) =>
    void remove.run(() => api(`/pairings/${encodeURIComponent(pairing.id)}/delete`, z.object({}), { method: 'POST' }).then(pairings.reload));

  const picker = (label: 'admin.pairings.support' | 'admin.pairings.receiving', value: string, onChange: (id: string) => void, schools: School[], testId: string) => (
    <SchoolSelect label={t(label)} emptyLabel={t('admin.pickSchool')} schools={schools} value={value} onChange={onChange} testId={testId} wide />
  );

  return (
    <>
      <h2 className="account-panel__title">{t('admin.tab.pairings')}</h2>
      <form className="account-form" data-testid="new-pairing-form" onSubmit={submit}>
        {picker('admin.pairings.support', supportSchoolId, setSupport, supporting, 'pairing-support')}
        {picker('admin.pairings.receiving', receivingSchoolId, setReceiving, receiving, 'pairing-receiving')}
        <button type="submit" className="button--primary" data-testid="new-pairing-submit" disabled={create.pending || !supportSchoolId || !receivingSchoolId}>
          {t('admin.pairings.create')}
        </button>
      </form>
      <RequestError error={create.error ?? remove.error} />
      <LoadState loaded={pairings}>
        {(list) => (
          <AdminTable items={list} empty={t('admin.pairings.none')} headings={[t('admin.pairings.support'), t('admin.pairings.receiving'), null]} testId="pairing-list">
            {(pairing) => (
              <tr key={pairing.id} data-testid="pairing-row" data-pairing-id={pairing.id}>
                <td>{pairing.supportSchoolName}</td>
                <td>{pairing.receivingSchoolName}</td>
                <td>
                  <ConfirmButton
                    label={t('admin.pairings.delete')}
                    question={t('admin.pairings.deleteQuestion')}
                    testId="delete-pairing"
                    disabled={remove.pending}
                    onConfirm={() => unpair(pairing)}
                  />
                </td>
              </tr>
            )}
          </AdminTable>
        )}
      </LoadState>
    </>
  );
}
