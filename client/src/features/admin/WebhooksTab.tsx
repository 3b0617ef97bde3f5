import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { issuedWebhookSchema, webhookEventNames, webhookSchema, type Webhook, type WebhookEvent } from '@shared';
import { api } from '../auth/session';
import { ConfirmButton } from '../accounts/ConfirmButton';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { adminDictionary } from './adminMessages';
import type { AdminScope } from './adminScope';
import { SchoolSelect } from './SchoolSelect';
import { SecretOnce } from './SecretOnce';
import { WebhookDeliveries } from './WebhookDeliveries';
import { WebhookHosts } from './WebhookHosts';

const webhooksSchema = z.array(webhookSchema);

/**
 * 推送: where course information is pushed (a regional resource platform),
 * which events, each hook's delivery log with 重新发送, and — for a bureau
 * admin — the private hosts hooks may reach.
 */
export function WebhooksTab({ scope }: { scope: AdminScope }) {
  const t = useDictionary(adminDictionary);
  const hooks = useLoad(() => api('/webhooks', webhooksSchema), 'webhooks');
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const remove = useRequest();
  const isBureauAdmin = scope.me.role === 'bureauAdmin';
  const schoolName = (hook: Webhook) => (hook.schoolId ? (scope.schools.find((s) => s.id === hook.schoolId)?.name ?? hook.schoolId) : t('admin.webhooks.wholeBureau'));

  return (
    <>
      <h2 className="account-panel__title">{t('admin.tab.webhooks')}</h2>
      <p className="account-hint">{t('admin.webhooks.explain')}</p>
      {secret ? (
        <SecretOnce title={t('admin.webhooks.secretTitle')} secret={secret} hint={t('admin.webhooks.secretHint')} done={t('admin.webhooks.secretDone')} testId="webhook-secret" onDone={() => setSecret(null)} />
      ) : (
        <NewWebhookForm scope={scope} onCreated={(issued) => {
            setSecret(issued);
            hooks.reload();
          }} />
      )}
      <RequestError error={remove.error} />
      <LoadState loaded={hooks}>
        {(list) =>
          list.length === 0 ? (
            <p className="account-muted">{t('admin.webhooks.none')}</p>
          ) : (
            <ul className="account-list" data-testid="webhook-list">
              {list.map((hook) => (
                <li key={hook.id} data-testid="webhook-row" data-webhook-id={hook.id}>
                  <div className="account-panel__row">
                    <strong>{hook.url}</strong>
                    <span>{schoolName(hook)}</span>
                    <span>{hook.events.map((event) => t(`admin.webhooks.event.${event}`)).join('、')}</span>
                    <span className="account-muted">{t('admin.webhooks.counts', { pending: hook.pending, failed: hook.failed })}</span>
                    <button type="button" data-testid="webhook-log" onClick={() => setOpen(open === hook.id ? null : hook.id)}>
                      {t(open === hook.id ? 'admin.webhooks.hideLog' : 'admin.webhooks.log')}
                    </button>
                    <ConfirmButton
                      label={t('admin.webhooks.delete')}
                      question={t('admin.webhooks.deleteQuestion')}
                      testId="delete-webhook"
                      disabled={remove.pending}
                      onConfirm={() => void remove.run(() => api(`/webhooks/${encodeURIComponent(hook.id)}/delete`, z.object({}), { method: 'POST' }).then(hooks.reload))}
                    />
                  </div>
                  {open === hook.id && <WebhookDeliveries hookId={hook.id} />}
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
      {isBureauAdmin && scope.me.bureauId && <WebhookHosts bureauId={scope.me.bureauId} />}
    </>
  );
}

function NewWebhookForm({ scope, onCreated }: { scope: AdminScope; onCreated(secret: string): void }) {
  const t = useDictionary(adminDictionary);
  const isBureauAdmin = scope.me.role === 'bureauAdmin';
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([...webhookEventNames]);
  const [schoolId, setSchoolId] = useState(isBureauAdmin ? '' : (scope.me.schoolId ?? ''));
  const create = useRequest();
  const toggle = (event: WebhookEvent) => setEvents((now) => (now.includes(event) ? now.filter((e) => e !== event) : [...now, event]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!url || events.length === 0) return;
    void create.run(() =>
      api('/webhooks', issuedWebhookSchema, { body: { url: url.trim(), events, schoolId: schoolId || null } }).then((issued) => {
        setUrl('');
        onCreated(issued.secret);
      }),
    );
  };

  return (
    <form className="account-form account-form--column" data-testid="new-webhook-form" onSubmit={submit}>
      <label className="field field--wide">
        <span>{t('admin.webhooks.url')}</span>
        <input data-testid="webhook-url" type="url" required placeholder="https://platform.example.cn/tongtang" value={url} onChange={(e) => setUrl(e.target.value)} />
      </label>
      <fieldset className="field">
        <legend>{t('admin.webhooks.events')}</legend>
        {webhookEventNames.map((name) => (
          <label key={name} className="checkbox">
            <input type="checkbox" data-testid={`webhook-event-${name}`} checked={events.includes(name)} onChange={() => toggle(name)} />
            {t(`admin.webhooks.event.${name}`)}
          </label>
        ))}
      </fieldset>
      {isBureauAdmin && (
        <SchoolSelect label={t('admin.webhooks.for')} emptyLabel={t('admin.webhooks.wholeBureau')} schools={scope.schools} value={schoolId} onChange={setSchoolId} testId="webhook-school" />
      )}
      <button type="submit" className="button--primary" data-testid="new-webhook-submit" disabled={create.pending || !url || events.length === 0}>
        {t('admin.webhooks.create')}
      </button>
      <RequestError error={create.error} />
    </form>
  );
}
