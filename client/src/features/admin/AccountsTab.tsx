import { useState } from 'react';
import { z } from 'zod';
import { accountSchema, issuedPasswordSchema, type Account } from '@shared';
import { api } from '../auth/session';
import { ConfirmButton } from '../accounts/ConfirmButton';
import { Dialog } from '../accounts/Dialog';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { ShownOnce } from '../accounts/ShownOnce';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { adminDictionary } from './adminMessages';
import type { AdminScope } from './adminScope';
import { AdminTable } from './AdminTable';
import { NewAccountForm } from './NewAccountForm';
import { SchoolPicker } from './SchoolPicker';

const accountsSchema = z.array(accountSchema);
type Issued = z.infer<typeof issuedPasswordSchema>;

/** 账号: real-name accounts of the admin's school or bureau; a new one (or a reset) gets an initial password, shown once. */
export function AccountsTab({ scope }: { scope: AdminScope }) {
  const t = useDictionary(adminDictionary);
  const [schoolId, setSchoolId] = useState(scope.me.role === 'bureauAdmin' ? '' : (scope.me.schoolId ?? ''));
  const [issued, setIssued] = useState<Issued | null>(null);
  const query = schoolId ? `?schoolId=${encodeURIComponent(schoolId)}` : '';
  const accounts = useLoad(() => api(`/accounts${query}`, accountsSchema), `accounts${query}`);
  const action = useRequest();
  const schoolName = (id: string | null) => (id === null ? t('admin.accounts.bureauLevel') : (scope.schools.find((school) => school.id === id)?.name ?? id));

  const reset = (account: Account) =>
    void action.run(() => api(`/accounts/${encodeURIComponent(account.id)}/reset-password`, issuedPasswordSchema, { method: 'POST' }).then(setIssued));
  const disable = (account: Account) =>
    void action.run(() => api(`/accounts/${encodeURIComponent(account.id)}/disable`, accountSchema, { method: 'POST' }).then(accounts.reload));

  return (
    <>
      <h2 className="account-panel__title">{t('admin.accounts.new')}</h2>
      <NewAccountForm
        scope={scope}
        onCreated={(created) => {
          setIssued(created);
          accounts.reload();
        }}
      />
      <h2 className="account-panel__title">{t('admin.tab.accounts')}</h2>
      {scope.schools.length > 1 && <SchoolPicker schools={scope.schools} value={schoolId} onChange={setSchoolId} testId="accounts-school" allowAll />}
      <RequestError error={action.error} />
      <LoadState loaded={accounts}>
        {(list) => (
          <AdminTable
            items={list}
            empty={t('accounts.empty')}
            headings={[t('admin.accounts.name'), t('admin.accounts.login'), t('admin.accounts.role'), t('admin.school'), t('admin.accounts.realName'), t('admin.accounts.state'), null]}
            testId="account-list"
          >
            {(account) => (
              <tr key={account.id} data-testid="account-row" data-account-id={account.id} data-login={account.login} data-disabled={account.disabled}>
                <td>{account.name}</td>
                <td>{account.login}</td>
                <td>{t(`role.${account.role}`)}</td>
                <td>{schoolName(account.schoolId)}</td>
                <td>{[account.staffNumber, account.phone].filter(Boolean).join(' · ')}</td>
                <td>
                  <span className={`state ${account.disabled ? 'state--off' : 'state--ok'}`}>
                    {t(account.disabled ? 'admin.accounts.disabled' : account.sso ? 'admin.accounts.sso' : 'admin.accounts.active')}
                  </span>
                </td>
                <td>
                  {!account.disabled && account.id !== scope.me.id && (
                    <span className="account-table__actions">
                      {/* Single sign-on accounts have no password here to reset. */}
                      {!account.sso && (
                        <button type="button" data-testid="reset-password" disabled={action.pending} onClick={() => reset(account)}>
                          {t('admin.accounts.resetPassword')}
                        </button>
                      )}
                      <ConfirmButton
                        label={t('admin.accounts.disable')}
                        question={t('admin.accounts.disableQuestion', { name: account.name })}
                        testId="disable-account"
                        disabled={action.pending}
                        onConfirm={() => disable(account)}
                      />
                    </span>
                  )}
                </td>
              </tr>
            )}
          </AdminTable>
        )}
      </LoadState>
      {issued && (
        <Dialog title={t('admin.accounts.issuedTitle')} testId="issued-password-dialog" onClose={() => setIssued(null)}>
          <p>{t('admin.accounts.issuedFor', { name: issued.account.name, login: issued.account.login })}</p>
          <ShownOnce value={issued.initialPassword} testId="issued-password" />
          <p className="account-hint">{t('admin.accounts.issuedHint')}</p>
          <div className="account-dialog__actions">
            <button type="button" data-testid="issued-password-close" onClick={() => setIssued(null)}>
              {t('accounts.close')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
