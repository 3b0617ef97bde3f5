import { z } from 'zod';
import { webhookDeliverySchema, type WebhookDelivery } from '@shared';
import { api } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { adminDictionary } from './adminMessages';
import { AdminTable } from './AdminTable';

const deliveriesSchema = z.array(webhookDeliverySchema);

/** One hook's 发送记录: each event sent, its status, how many attempts, the last answer, and 重新发送. */
export function WebhookDeliveries({ hookId }: { hookId: string }) {
  const t = useDictionary(adminDictionary);
  const path = `/webhooks/${encodeURIComponent(hookId)}/deliveries`;
  const deliveries = useLoad(() => api(path, deliveriesSchema), path);
  const resend = useRequest();
  const answer = (d: WebhookDelivery) => (d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? '—'));

  return (
    <>
      <RequestError error={resend.error} />
      <LoadState loaded={deliveries}>
        {(list) => (
          <AdminTable
            items={list}
            empty={t('admin.webhooks.noDeliveries')}
            headings={[t('admin.webhooks.col.event'), t('admin.webhooks.col.time'), t('admin.webhooks.col.status'), t('admin.webhooks.col.attempts'), t('admin.webhooks.col.answer'), null]}
            testId="webhook-deliveries"
          >
            {(d) => (
              <tr key={d.id} data-testid="webhook-delivery" data-status={d.status}>
                <td>{t(`admin.webhooks.event.${d.event}`)}</td>
                <td>{new Date(d.createdAt).toLocaleString()}</td>
                <td>{t(`admin.webhooks.status.${d.status}`)}</td>
                <td>{d.attempts}</td>
                <td title={d.lastError ?? undefined}>{answer(d)}</td>
                <td>
                  <button
                    type="button"
                    className="button--primary"
                    data-testid="webhook-resend"
                    disabled={resend.pending}
                    onClick={() => void resend.run(() => api(`/webhook-deliveries/${encodeURIComponent(d.id)}/resend`, z.object({}), { method: 'POST' }).then(deliveries.reload))}
                  >
                    {t('admin.webhooks.resend')}
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
