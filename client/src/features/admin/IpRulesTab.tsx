import { useState, type FormEvent } from 'react';
import { ipRulesSchema } from '@shared';
import { api } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { formatAddressList, MAX_ADDRESSES, parseAddressList, type AddressList } from './addressList';
import { adminDictionary } from './adminMessages';
import type { AdminScope } from './adminScope';

/** Whose rules: the bureau's (every school in it) or one school's. */
type Target = { kind: 'bureau' | 'school'; id: string; name: string };

/**
 * IP 规则: from which networks people of a bureau or a school may sign in and
 * join lessons. Refused ranges win over allowed ones; an empty allow list
 * allows every address that is not refused.
 */
export function IpRulesTab({ scope }: { scope: AdminScope }) {
  const t = useDictionary(adminDictionary);
  const targets: Target[] = [
    ...(scope.me.role === 'bureauAdmin' && scope.me.bureauId ? [{ kind: 'bureau' as const, id: scope.me.bureauId, name: t('admin.ipRules.wholeBureau') }] : []),
    ...scope.schools.map((school) => ({ kind: 'school' as const, id: school.id, name: school.name })),
  ];
  const [picked, setPicked] = useState('');
  const target = targets.find((candidate) => `${candidate.kind}:${candidate.id}` === picked) ?? targets[0] ?? null;
  const path = target ? `/ip-rules/${target.kind}/${encodeURIComponent(target.id)}` : null;
  const rules = useLoad(() => (path ? api(path, ipRulesSchema) : Promise.resolve({ allow: [], deny: [] })), path ?? 'none');

  return (
    <>
      <h2 className="account-panel__title">{t('admin.tab.ipRules')}</h2>
      <p className="account-hint">{t('admin.ipRules.explain')}</p>
      {targets.length > 1 && (
        <label className="field">
          <span>{t('admin.ipRules.target')}</span>
          <select data-testid="ip-rules-target" value={target ? `${target.kind}:${target.id}` : ''} onChange={(event) => setPicked(event.target.value)}>
            {targets.map((candidate) => (
              <option key={`${candidate.kind}:${candidate.id}`} value={`${candidate.kind}:${candidate.id}`}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {path && <LoadState loaded={rules}>{(saved) => <RulesForm key={path} path={path} allow={saved.allow} deny={saved.deny} />}</LoadState>}
    </>
  );
}

function RulesForm({ path, allow, deny }: { path: string; allow: string[]; deny: string[] }) {
  const t = useDictionary(adminDictionary);
  const [allowText, setAllowText] = useState(() => formatAddressList(allow));
  const [denyText, setDenyText] = useState(() => formatAddressList(deny));
  const [saved, setSaved] = useState(false);
  const save = useRequest();
  const allowList = parseAddressList(allowText);
  const denyList = parseAddressList(denyText);
  const valid = [allowList, denyList].every((list) => list.invalid.length === 0 && !list.tooMany);
  // 已保存 stays only until the next edit.
  const edit = (set: (text: string) => void) => (text: string) => {
    set(text);
    setSaved(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    void save.run(() =>
      api(path, ipRulesSchema, { body: { allow: allowList.values, deny: denyList.values } }).then((stored) => {
        setAllowText(formatAddressList(stored.allow));
        setDenyText(formatAddressList(stored.deny));
        setSaved(true);
      }),
    );
  };

  return (
    <form className="account-form account-form--column account-form--full" data-testid="ip-rules-form" onSubmit={submit}>
      <div className="rules-grid">
        <RulesField label={t('admin.ipRules.allow')} hint={t('admin.ipRules.allowHint')} text={allowText} list={allowList} onChange={edit(setAllowText)} testId="ip-rules-allow" />
        <RulesField label={t('admin.ipRules.deny')} hint={t('admin.ipRules.denyHint')} text={denyText} list={denyList} onChange={edit(setDenyText)} testId="ip-rules-deny" />
      </div>
      <p className="account-hint">{t('admin.ipRules.lockoutWarning')}</p>
      <div className="account-panel__row">
        <button type="submit" className="button--primary" data-testid="ip-rules-save" disabled={!valid || save.pending}>
          {t('accounts.save')}
        </button>
        {saved && (
          <span className="form-ok" role="status" data-testid="ip-rules-saved">
            {t('accounts.saved')}
          </span>
        )}
      </div>
      <RequestError error={save.error} />
    </form>
  );
}

function RulesField({ label, hint, text, list, onChange, testId }: { label: string; hint: string; text: string; list: AddressList; onChange(text: string): void; testId: string }) {
  const t = useDictionary(adminDictionary);
  return (
    <label className="field">
      <span>{label}</span>
      <textarea data-testid={testId} value={text} spellCheck={false} placeholder={'10.20.0.0/16\n202.100.8.15'} aria-invalid={list.invalid.length > 0} onChange={(event) => onChange(event.target.value)} />
      <small className="account-hint">{hint}</small>
      {list.invalid.length > 0 && (
        <ul className="problem-list" data-testid={`${testId}-problems`}>
          {list.invalid.map((bad) => (
            <li key={bad.line}>{t('admin.ipRules.badLine', { line: bad.line, text: bad.text })}</li>
          ))}
        </ul>
      )}
      {list.tooMany && <small className="field__problem">{t('admin.ipRules.tooMany', { max: MAX_ADDRESSES })}</small>}
    </label>
  );
}
