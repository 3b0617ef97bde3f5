import { z } from 'zod';
import { ErrorCode, LessonError, newWebhookHostSchema, newWebhookSchema, type NewWebhook, issuedWebhookSchema, webhookDeliverySchema, webhookHostSchema, webhookSchema } from '@shared';
import { demand } from '../auth/can.js';
import { newId } from '../db/ids.js';
import { allowedHosts, allowHost, createWebhook, deliveriesOf, deliveryRow, disallowHost, removeWebhook, webhookRow, webhooksOf, webhookView } from '../db/webhooks.js';
import { newHookSecret } from '../features/webhooks/signature.js';
import { checkTarget, TargetRefused } from '../features/webhooks/targetGuard.js';
import { audited, type ApiCall, type ApiRoute, answersNothing } from './apiRoute.js';
import { bureauOf, ownerSchool, ownListFilter } from './scopes.js';

/** 推送: a bureau's or a school's webhooks, their delivery log and 重新发送, and the hosts the bureau allows on private networks. */

/** The hook of the route, if the principal may manage it (a school admin: only her school's). */
async function hookFor(call: ApiCall, id = call.params['id'] ?? '') {
  const row = await webhookRow(call.services.db, id);
  if (!row) throw new LessonError(ErrorCode.NotFound, 'no such webhook');
  demand(call.principal, 'webhook.manage', { bureauId: row.bureau_id, schoolIds: row.school_id ? [row.school_id] : [] });
  return row;
}

const hostsOf = async (call: ApiCall, bureauId: string): Promise<Set<string>> => new Set((await allowedHosts(call.services.db, bureauId)).map((h) => h.host));

/** An IPv6 literal is allowed without its brackets, as the guard compares it. */
const bareHost = (host: string): string => host.replace(/^\[|\]$/g, '');

/** The bureau of a `/bureaus/:id/webhook-hosts` route, if the principal may allow hosts there. */
function hostBureau(call: ApiCall): string {
  const bureauId = call.params['id'] ?? '';
  demand(call.principal, 'webhook.allowHost', { bureauId });
  return bureauId;
}

export const webhookRoutes: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/webhooks',
    action: 'webhook.manage',
    summary: 'The webhooks (推送) in scope.',
    response: z.array(webhookSchema),
    run: ({ services, principal }) => webhooksOf(services.db, ownListFilter(principal)),
  },
  {
    method: 'post',
    path: '/webhooks',
    action: 'webhook.manage',
    summary: 'Register a webhook: its signing secret is in the answer, once.',
    response: issuedWebhookSchema,
    body: newWebhookSchema,
    async run(call) {
      const hook = call.body as NewWebhook;
      const bureauId = bureauOf(call.principal);
      const schoolId = await ownerSchool(call.services.db, call.principal, 'webhook.manage', hook.schoolId);
      try {
        await checkTarget(hook.url, await hostsOf(call, bureauId), call.services.resolveWebhookHost);
      } catch (error) {
        if (!(error instanceof TargetRefused)) throw error;
        call.services.accounts.audit.record({ actor: call.principal, action: 'webhook.create', target: hook.url.slice(0, 200), outcome: 'refused', address: call.address, detail: error.message });
        throw new LessonError(ErrorCode.BadRequest, error.message);
      }
      const secret = newHookSecret();
      const row = {
        id: newId('wh'),
        bureau_id: bureauId,
        school_id: schoolId,
        url: hook.url,
        events: [...new Set(hook.events)].join(','),
        description: hook.description ?? '',
        secret,
        created_by: call.principal.id,
        created_by_name: call.principal.name,
        created_at: Date.now(),
        removed_at: null,
      };
      await createWebhook(call.services.db, row);
      audited(call, 'webhook.create', row.id, `${hook.url} ${row.events}`);
      return { webhook: webhookView(row), secret };
    },
  },
  {
    method: 'post',
    path: '/webhooks/:id/delete',
    action: 'webhook.manage',
    summary: 'Remove a webhook.',
    response: answersNothing,
    async run(call) {
      const row = await hookFor(call);
      await removeWebhook(call.services.db, row.id, Date.now());
      audited(call, 'webhook.delete', row.id, row.url);
      return {};
    },
  },
  {
    method: 'get',
    path: '/webhooks/:id/deliveries',
    action: 'webhook.manage',
    summary: "A webhook's delivery log.",
    response: z.array(webhookDeliverySchema),
    run: async (call) => deliveriesOf(call.services.db, (await hookFor(call)).id),
  },
  {
    method: 'post',
    path: '/webhook-deliveries/:id/resend',
    action: 'webhook.manage',
    summary: 'Send a delivery again (重新发送).',
    response: answersNothing,
    async run(call) {
      const delivery = await deliveryRow(call.services.db, call.params['id'] ?? '');
      if (!delivery) throw new LessonError(ErrorCode.NotFound, 'no such delivery');
      await hookFor(call, delivery.webhook_id);
      await call.services.webhooks.resend(delivery.id);
      audited(call, 'webhook.resend', delivery.id, `${delivery.event} ${delivery.event_id}`);
      return {};
    },
  },
  {
    method: 'get',
    path: '/bureaus/:id/webhook-hosts',
    action: 'webhook.allowHost',
    summary: "The hosts on private networks the bureau's hooks may reach.",
    response: z.array(webhookHostSchema),
    run: async (call) => allowedHosts(call.services.db, hostBureau(call)),
  },
  {
    method: 'post',
    path: '/bureaus/:id/webhook-hosts',
    action: 'webhook.allowHost',
    summary: "Allow a host on a private network for the bureau's hooks.",
    response: z.array(webhookHostSchema),
    body: newWebhookHostSchema,
    async run(call) {
      const bureauId = hostBureau(call);
      const host = bareHost((call.body as { host: string }).host);
      await allowHost(call.services.db, bureauId, host, call.principal.name, Date.now());
      audited(call, 'webhook.allowHost', `${bureauId}:${host}`);
      return allowedHosts(call.services.db, bureauId);
    },
  },
  {
    method: 'post',
    path: '/bureaus/:id/webhook-hosts/delete',
    action: 'webhook.allowHost',
    summary: 'Disallow such a host again.',
    response: z.array(webhookHostSchema),
    body: newWebhookHostSchema,
    async run(call) {
      const bureauId = hostBureau(call);
      const host = bareHost((call.body as { host: string }).host);
      await disallowHost(call.services.db, bureauId, host);
      audited(call, 'webhook.disallowHost', `${bureauId}:${host}`);
      return allowedHosts(call.services.db, bureauId);
    },
  },
];
