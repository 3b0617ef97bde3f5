import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { grantableRoles, issuedPasswordSchema, type AccountRole } from '@shared';
import { api } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { RequestError } from '../accounts/RequestError';
import { useRequest } from '../accounts/useRequest';
import { accountFromDraft, type AccountDraft, type AccountField } from './accountDraft';
import { adminDictionary, type AdminKey } from './adminMessages';
import { firstSchool, type AdminScope } from './adminScope';

type Issued = z.infer<typeof issuedPasswordSchema>;

/** A real-name account: name, sign-in name, a role this admin may give, the school, and a staff number or phone. */
export function NewAccountForm({ scope, onCreated }: { scope: AdminScope; onCreated(issued: Issued): void }) {
  const t = useDictionary(adminDictionary);
  const roles = (grantableRoles[scope.me.role] ?? []) as readonly AccountRole[];
  const empty = (): AccountDraft => ({ name: '', login: '', role: roles.includes('teacher') ? 'teacher' : (roles[0] ?? 'teacher'), schoolId: firstSchool(scope), staffNumber: '', phone: '' });
  const [draft, setDraft] = useState<AccountDraft>(empty);
  const [problems, setProblems] = useState<Partial<Record<AccountField | 'realName', AdminKey>>>({});
  const create = useRequest();
  const schoolId = draft.schoolId || firstSchool(scope);

  const input = (field: keyof AccountDraft) => ({
    value: draft[field],
    'data-testid': `new-account-${field}`,
    onChange: (event: { target: { value: string } }) => setDraft((previous) => ({ ...previous, [field]: event.target.value })),
  });
  const problem = (field: AccountField | 'realName') =>
    problems[field] && (
      <small className="field__problem" data-testid={`new-account-problem-${field}`}>
        {t(problems[field])}
      </small>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { account, problems: found } = accountFromDraft({ ...draft, schoolId });
    setProblems(found);
    if (!account) return;
    void create.run(() =>
      api('/accounts', issuedPasswordSchema, { body: account }).then((issued) => {
        setDraft(empty());
        onCreated(issued);
      }),
    );
  };

  return (
    <form className="account-form" data-testid="new-account-form" onSubmit={submit} noValidate>
      <label className="field">
        <span>{t('admin.accounts.name')}</span>
        <input {...input('name')} maxLength={100} />
        {problem('name')}
      </label>
      <label className="field">
        <span>{t('admin.accounts.login')}</span>
        <input {...input('login')} maxLength={64} autoComplete="off" />
        {problem('login')}
      </label>
      <label className="field">
        <span>{t('admin.accounts.role')}</span>
        <select {...input('role')}>
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </label>
      {draft.role !== 'bureauAdmin' && (
        <label className="field">
          <span>{t('admin.school')}</span>
          <select {...input('schoolId')} value={schoolId} disabled={scope.schools.length <= 1}>
            {schoolId === '' && <option value="">{t('admin.pickSchool')}</option>}
            {scope.schools.map((school) => (
              <option key={school.id} value={school.id}>
                {school.name}
              </option>
            ))}
          </select>
          {problem('schoolId')}
        </label>
      )}
      <label className="field">
        <span>{t('admin.accounts.staffNumber')}</span>
        <input {...input('staffNumber')} maxLength={32} />
        {problem('staffNumber')}
      </label>
      <label className="field">
        <span>{t('admin.accounts.phone')}</span>
        <input {...input('phone')} type="tel" maxLength={20} />
        {problem('phone')}
      </label>
      <button type="submit" className="button--primary" data-testid="new-account-submit" disabled={create.pending}>
        {t('admin.accounts.create')}
      </button>
      {problem('realName')}
      <RequestError error={create.error} />
    </form>
  );
}
