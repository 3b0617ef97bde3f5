import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { apiKeyActions, apiKeySchema, issuedApiKeySchema, readOnlyActions, type Action, type ApiKey } from '@shared';
import { api } from '../auth/session';
import { ConfirmButton } from '../accounts/ConfirmButton';
import { useDictionary } from '../accounts/dictionary';
import { formatTime } from '../accounts/format';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { useI18nStore } from '../i18n/i18nStore';
import { adminDictionary } from './adminMessages';
import type { AdminScope } from './adminScope';
import { SchoolSelect } from './SchoolSelect';
import { SecretOnce } from './SecretOnce';

const apiKeysSchema = z.array(apiKeySchema);

/**
 * 开放接口: the API keys of the bureau or of one's school — made with the
 * actions they may do (the secret shown once), listed, revoked — and a link
 * to the API's own reference page.
 */
export function ApiKeysTab({ scope }: { scope: AdminScope }) {
  const t = useDictionary(adminDictionary);
  const locale = useI18nStore((state) => state.locale);
  const keys = useLoad(() => api('/api-keys', apiKeysSchema), 'api-keys');
  const [secret, setSecret] = useState<string | null>(null);
  const revoke = useRequest();
  const ownerName = (key: ApiKey) => (key.schoolId ? (scope.schools.find((s) => s.id === key.schoolId)?.name ?? key.schoolId) : t('admin.apiKeys.wholeBureau'));

  return (
    <>
      <h2 className="account-panel__title">{t('admin.tab.apiKeys')}</h2>
      <p className="account-hint">
        {t('admin.apiKeys.explain')} <a href="/api/docs" target="_blank" rel="noreferrer">{t('admin.apiKeys.docs')}</a>
      </p>
      {secret ? (
        <SecretOnce title={t('admin.apiKeys.secretTitle')} secret={secret} hint={t('admin.apiKeys.secretHint')} done={t('admin.apiKeys.secretDone')} testId="api-key-secret" onDone={() => setSecret(null)} />
      ) : (
        <NewApiKeyForm scope={scope} onCreated={(issued) => {
            setSecret(issued);
            keys.reload();
          }} />
      )}
      <RequestError error={revoke.error} />
      <LoadState loaded={keys}>
        {(list) =>
          list.length === 0 ? (
            <p className="account-muted">{t('admin.apiKeys.none')}</p>
          ) : (
            <ul className="account-list" data-testid="api-key-list">
              {list.map((key) => (
                <li key={key.id} data-testid="api-key-row" data-api-key-id={key.id}>
                  <div className="account-panel__row">
                    <strong>{key.name}</strong>
                    <code>{key.hint}</code>
                    <span>{ownerName(key)}</span>
                    <span className="account-muted">{key.scopes.join(' ')}</span>
                    <span className="account-muted">
                      {key.revokedAt !== null
                        ? t('admin.apiKeys.revoked', { time: formatTime(key.revokedAt, locale) })
                        : key.lastUsedAt !== null
                          ? t('admin.apiKeys.lastUsed', { time: formatTime(key.lastUsedAt, locale) })
                          : t('admin.apiKeys.neverUsed')}
                    </span>
                    {key.revokedAt === null && (
                      <ConfirmButton
                        label={t('admin.apiKeys.revoke')}
                        question={t('admin.apiKeys.revokeQuestion')}
                        testId="revoke-api-key"
                        disabled={revoke.pending}
                        onConfirm={() => void revoke.run(() => api(`/api-keys/${encodeURIComponent(key.id)}/revoke`, apiKeySchema, { method: 'POST' }).then(keys.reload))}
                      />
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
    </>
  );
}

function NewApiKeyForm({ scope, onCreated }: { scope: AdminScope; onCreated(secret: string): void }) {
  const t = useDictionary(adminDictionary);
  const isBureauAdmin = scope.me.role === 'bureauAdmin';
  const [name, setName] = useState('');
  const [schoolId, setSchoolId] = useState(isBureauAdmin ? '' : (scope.me.schoolId ?? ''));
  const owner = schoolId ? 'school' : 'bureau';
  const [scopes, setScopes] = useState<Action[]>(readOnlyActions(owner));
  const create = useRequest();
  const offered = apiKeyActions(owner);
  const chosen = scopes.filter((a) => offered.includes(a));
  const toggle = (action: Action) => setScopes((now) => (now.includes(action) ? now.filter((a) => a !== action) : [...now, action]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || chosen.length === 0) return;
    void create.run(() =>
      api('/api-keys', issuedApiKeySchema, { body: { name: name.trim(), schoolId: schoolId || null, scopes: chosen } }).then((issued) => {
        setName('');
        onCreated(issued.secret);
      }),
    );
  };

  return (
    <form className="account-form account-form--column" data-testid="new-api-key-form" onSubmit={submit}>
      <label className="field">
        <span>{t('admin.apiKeys.name')}</span>
        <input data-testid="api-key-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      {isBureauAdmin && (
        <SchoolSelect label={t('admin.apiKeys.for')} emptyLabel={t('admin.apiKeys.wholeBureau')} schools={scope.schools} value={schoolId} onChange={setSchoolId} testId="api-key-school" />
      )}
      <fieldset className="field">
        <legend>{t('admin.apiKeys.scopes')}</legend>
        <div className="account-panel__row">
          <button type="button" onClick={() => setScopes(readOnlyActions(owner))}>{t('admin.apiKeys.readOnly')}</button>
          <button type="button" onClick={() => setScopes([])}>{t('admin.apiKeys.clear')}</button>
        </div>
        <div className="checkbox-list">
          {offered.map((action) => (
            <label key={action}>
              <input type="checkbox" data-testid={`api-key-scope-${action}`} checked={chosen.includes(action)} onChange={() => toggle(action)} />
              <code>{action}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="button--primary" data-testid="new-api-key-submit" disabled={create.pending || !name.trim() || chosen.length === 0}>
        {t('admin.apiKeys.create')}
      </button>
      <RequestError error={create.error} />
    </form>
  );
}
