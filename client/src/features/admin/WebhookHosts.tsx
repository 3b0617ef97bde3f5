import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { webhookHostSchema } from '@shared';
import { api } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { adminDictionary } from './adminMessages';
import { AdminTable } from './AdminTable';

const hostsSchema = z.array(webhookHostSchema);

/** 允许的内网主机: the exceptions to the SSRF guard, a bureau admin's decision (audited by the server). */
export function WebhookHosts({ bureauId }: { bureauId: string }) {
  const t = useDictionary(adminDictionary);
  const path = `/bureaus/${encodeURIComponent(bureauId)}/webhook-hosts`;
  const hosts = useLoad(() => api(path, hostsSchema), path);
  const [host, setHost] = useState('');
  const change = useRequest();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!host.trim()) return;
    void change.run(() => api(path, hostsSchema, { body: { host: host.trim() } }).then(() => (setHost(''), hosts.reload())));
  };

  return (
    <>
      <h3 className="account-panel__title">{t('admin.webhooks.hosts')}</h3>
      <p className="account-hint">{t('admin.webhooks.hostsExplain')}</p>
      <form className="account-form" data-testid="webhook-host-form" onSubmit={submit}>
        <label className="field field--wide">
          <span>{t('admin.webhooks.host')}</span>
          <input data-testid="webhook-host" value={host} placeholder="platform.school.lan" onChange={(e) => setHost(e.target.value)} />
        </label>
        <button type="submit" className="button--primary" disabled={change.pending || !host.trim()}>
          {t('admin.webhooks.allowHost')}
        </button>
      </form>
      <RequestError error={change.error} />
      <LoadState loaded={hosts}>
        {(list) => (
          <AdminTable items={list} empty={t('admin.webhooks.noHosts')} headings={[t('admin.webhooks.host'), null]} testId="webhook-hosts">
            {(allowed) => (
              <tr key={allowed.host}>
                <td>
                  {allowed.host} <span className="account-muted">{allowed.addedByName}</span>
                </td>
                <td>
                  <button type="button" disabled={change.pending} onClick={() => void change.run(() => api(`${path}/delete`, hostsSchema, { body: { host: allowed.host } }).then(hosts.reload))}>
                    {t('admin.webhooks.removeHost')}
                  </button>
                </td>
              </tr>
            )}
          </AdminTable>
        )}
      </LoadState>
    </>
  );
}
