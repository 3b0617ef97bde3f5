import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { oidcSettingsSchema, type School } from '@shared';
import { api } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { adminDictionary, type AdminKey } from './adminMessages';
import type { AdminScope } from './adminScope';
import { draftFromSettings, settingsFromDraft, type MappingRow, type SsoDraft, type SsoField } from './ssoDraft';

/**
 * The saved settings as the server returns them: never the secret (a plain
 * object, so a field the server adds later is no failure). Nothing saved yet
 * is null, or `{}` from a server that sends an empty reply in its place.
 */
const savedSchema = z.union([z.object(oidcSettingsSchema.omit({ clientSecret: true }).shape), z.strictObject({}).transform(() => null)]).nullable();
/** The roles the platform may give; a bureau admin stays a decision made here. */
const ssoRoles = oidcSettingsSchema.shape.roles.valueType.options;

/** 单点登录: the bureau's regional platform (OpenID Connect), and how its school and role claims map to schools and roles here. */
export function SsoTab({ scope }: { scope: AdminScope }) {
  const t = useDictionary(adminDictionary);
  const bureauId = scope.me.bureauId ?? '';
  const path = `/bureaus/${encodeURIComponent(bureauId)}/sso`;
  const saved = useLoad(() => api(path, savedSchema), path);
  return (
    <>
      <h2 className="account-panel__title">{t('admin.tab.sso')}</h2>
      <p className="account-hint">{t('admin.sso.explain')}</p>
      <LoadState loaded={saved}>{(settings) => <SsoForm path={path} draft={draftFromSettings(settings)} hasSecret={settings !== null} schools={scope.schools} />}</LoadState>
    </>
  );
}

function SsoForm({ path, draft: initial, hasSecret: secretSaved, schools }: { path: string; draft: SsoDraft; hasSecret: boolean; schools: School[] }) {
  const t = useDictionary(adminDictionary);
  const [draft, setDraft] = useState(initial);
  // Once saved, the server keeps the secret: it need not be typed again.
  const [hasSecret, setStored] = useState(secretSaved);
  const [problems, setProblems] = useState<Partial<Record<SsoField, AdminKey>>>({});
  const [saved, setSaved] = useState(false);
  const save = useRequest();
  const change = (patch: Partial<SsoDraft>) => {
    setDraft((previous) => ({ ...previous, ...patch }));
    setSaved(false);
  };
  const text = (field: 'issuer' | 'clientId' | 'clientSecret' | 'schoolClaim' | 'roleClaim', label: AdminKey, extra: { type?: string; placeholder?: string } = {}) => (
    <label className="field field--wide">
      <span>{t(label)}</span>
      <input data-testid={`sso-${field}`} value={draft[field]} autoComplete="off" {...extra} onChange={(event) => change({ [field]: event.target.value })} />
      {problems[field] && <small className="field__problem">{t(problems[field])}</small>}
    </label>
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { settings, problems: found } = settingsFromDraft(draft, hasSecret);
    setProblems(found);
    if (!settings) return;
    void save.run(() =>
      api(path, z.unknown(), { body: settings }).then(() => {
        setDraft((previous) => ({ ...previous, clientSecret: '' }));
        setStored(true);
        setSaved(true);
      }),
    );
  };

  return (
    <form className="account-form account-form--column account-form--full" data-testid="sso-form" onSubmit={submit} noValidate>
      <div className="account-form">
        {text('issuer', 'admin.sso.issuer', { placeholder: 'https://idp.example.edu.cn/realms/county' })}
        {text('clientId', 'admin.sso.clientId')}
        {text('clientSecret', 'admin.sso.clientSecret', { type: 'password', placeholder: t(hasSecret ? 'admin.sso.secretKept' : 'admin.sso.secretNone') })}
      </div>
      <div className="account-form">
        {text('schoolClaim', 'admin.sso.schoolClaim')}
        {text('roleClaim', 'admin.sso.roleClaim')}
      </div>
      <div className="rules-grid">
        <MappingTable
          title={t('admin.sso.schools')}
          valueLabel={t('admin.sso.platformValue')}
          targetLabel={t('admin.school')}
          rows={draft.schools}
          targets={schools.map((school) => ({ value: school.id, label: school.name }))}
          problem={problems.schools}
          onChange={(rows) => change({ schools: rows })}
          testId="sso-schools"
        />
        <MappingTable
          title={t('admin.sso.roles')}
          valueLabel={t('admin.sso.platformValue')}
          targetLabel={t('admin.accounts.role')}
          rows={draft.roles}
          targets={ssoRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          problem={problems.roles}
          onChange={(rows) => change({ roles: rows })}
          testId="sso-roles"
        />
      </div>
      <div className="account-panel__row">
        <button type="submit" className="button--primary" data-testid="sso-save" disabled={save.pending}>
          {t('accounts.save')}
        </button>
        {saved && (
          <span className="form-ok" role="status" data-testid="sso-saved">
            {t('accounts.saved')}
          </span>
        )}
      </div>
      <RequestError error={save.error} />
    </form>
  );
}

interface MappingTableProps {
  title: string;
  valueLabel: string;
  targetLabel: string;
  rows: MappingRow[];
  targets: Array<{ value: string; label: string }>;
  problem: AdminKey | undefined;
  onChange(rows: MappingRow[]): void;
  testId: string;
}

/** A table of platform value → what it means here; a new empty line appears once the last one is used. */
function MappingTable({ title, valueLabel, targetLabel, rows, targets, problem, onChange, testId }: MappingTableProps) {
  const t = useDictionary(adminDictionary);
  const edit = (index: number, patch: Partial<MappingRow>) => {
    const next = rows.map((row, i) => (i === index ? { ...row, ...patch } : row));
    const last = next[next.length - 1];
    onChange(last && (last.value || last.target) ? [...next, { value: '', target: '' }] : next);
  };
  return (
    <fieldset className="field">
      <legend>{title}</legend>
      <table className="account-table mapping-table" data-testid={testId}>
        <thead>
          <tr>
            <th>{valueLabel}</th>
            <th>{targetLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td>
                <input aria-label={valueLabel} value={row.value} onChange={(event) => edit(index, { value: event.target.value })} />
              </td>
              <td>
                <select aria-label={targetLabel} value={row.target} onChange={(event) => edit(index, { target: event.target.value })}>
                  <option value="">{t('admin.sso.unmapped')}</option>
                  {targets.map((target) => (
                    <option key={target.value} value={target.value}>
                      {target.label}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problem && <small className="field__problem">{t(problem)}</small>}
    </fieldset>
  );
}
