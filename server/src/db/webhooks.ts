import type { Webhook, WebhookDelivery, WebhookEvent, WebhookHost } from '@shared';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/*
 * 推送: hooks, their deliveries and attempts, and the hosts a bureau allows.
 * A delivery is written before anything is sent and changes only here, so a
 * server that stops mid-way finds it again (its lease runs out).
 */

export type WebhookRow = Database['webhook'];
export type DeliveryRow = Database['webhook_delivery'];

/** A delivery taken by a sender, with what it needs of its hook. */
export type ClaimedDelivery = DeliveryRow & { url: string; secret: string; bureau_id: string; removed_at: number | null };

const eventsOf = (row: WebhookRow): WebhookEvent[] => row.events.split(',').filter(Boolean) as WebhookEvent[];

export async function createWebhook(db: Db, row: WebhookRow): Promise<void> {
  await db.insertInto('webhook').values(row).execute();
}

export async function webhookRow(db: Db, id: string): Promise<WebhookRow | null> {
  return (await db.selectFrom('webhook').selectAll().where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst()) ?? null;
}

/** A bureau's hooks that are not removed, or those of one school, newest first, with their counts of pending and failed deliveries. */
export async function webhooksOf(db: Db, filter: { bureauId: string; schoolId?: string }): Promise<Webhook[]> {
  let query = db.selectFrom('webhook').selectAll().where('bureau_id', '=', filter.bureauId).where('removed_at', 'is', null);
  if (filter.schoolId) query = query.where('school_id', '=', filter.schoolId);
  const rows = await query.orderBy('created_at', 'desc').execute();
  const counts = rows.length
    ? await db
        .selectFrom('webhook_delivery')
        .select(['webhook_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('webhook_id', 'in', rows.map((r) => r.id))
        .where('status', 'in', ['pending', 'failed'])
        .groupBy(['webhook_id', 'status'])
        .execute()
    : [];
  const count = (id: string, status: string): number => Number(counts.find((c) => c.webhook_id === id && c.status === status)?.n ?? 0);
  return rows.map((row) => webhookView(row, count(row.id, 'pending'), count(row.id, 'failed')));
}

export const webhookView = (row: WebhookRow, pending = 0, failed = 0): Webhook => ({
  id: row.id,
  bureauId: row.bureau_id,
  schoolId: row.school_id,
  url: row.url,
  events: eventsOf(row),
  description: row.description,
  createdAt: row.created_at,
  createdByName: row.created_by_name,
  pending,
  failed,
});

/** Removes a hook from the lists; what it had still to send fails with that reason (the log stays). */
export async function removeWebhook(db: Db, id: string, at: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('webhook').set({ removed_at: at }).where('id', '=', id).execute();
    await tx.updateTable('webhook_delivery').set({ status: 'failed', next_attempt_at: null, last_error: 'the hook was removed' }).where('webhook_id', '=', id).where('status', '=', 'pending').execute();
  });
}

/** The bureau's hooks that want `event` of a lesson of these schools: the bureau's own hooks and those of the schools. */
export async function hooksFor(db: Db, bureauId: string, schoolIds: readonly string[], event: WebhookEvent): Promise<WebhookRow[]> {
  const rows = await db
    .selectFrom('webhook')
    .selectAll()
    .where('bureau_id', '=', bureauId)
    .where('removed_at', 'is', null)
    .where((eb) => (schoolIds.length ? eb.or([eb('school_id', 'is', null), eb('school_id', 'in', schoolIds)]) : eb('school_id', 'is', null)))
    .execute();
  return rows.filter((row) => eventsOf(row).includes(event));
}

/** Stores the deliveries of one event at once: either all of its hooks will get it or none was promised. */
export async function insertDeliveries(db: Db, rows: readonly DeliveryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('webhook_delivery').values([...rows]).execute();
}

/** When the next pending delivery is due (null: none is). */
export async function nextDueAt(db: Db): Promise<number | null> {
  const row = await db.selectFrom('webhook_delivery').select((eb) => eb.fn.min<number>('next_attempt_at').as('at')).where('status', '=', 'pending').executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

/**
 * Takes up to `limit` due deliveries for `leaseMs`: each is taken by one
 * conditional update, so two servers sharing the database never both send it.
 */
export async function claimDue(db: Db, now: number, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
  const due = await db
    .selectFrom('webhook_delivery')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  const claimed: ClaimedDelivery[] = [];
  for (const { id } of due) {
    const taken = await db
      .updateTable('webhook_delivery')
      .set({ lease_until: now + leaseMs })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) continue;
    const row = await db
      .selectFrom('webhook_delivery')
      .innerJoin('webhook', 'webhook.id', 'webhook_delivery.webhook_id')
      .selectAll('webhook_delivery')
      .select(['webhook.url', 'webhook.secret', 'webhook.bureau_id', 'webhook.removed_at'])
      .where('webhook_delivery.id', '=', id)
      .executeTakeFirst();
    if (row) claimed.push(row);
  }
  return claimed;
}

/** What one attempt did, and what follows: delivered, another try at `nextAttemptAt`, or failed. */
export interface AttemptOutcome {
  at: number;
  durationMs: number;
  address: string | null;
  statusCode: number | null;
  error: string | null;
  status: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: number | null;
}

/** Writes the attempt to the log and the delivery's new state, together; the lease ends. */
export async function recordAttempt(db: Db, deliveryId: string, outcome: AttemptOutcome): Promise<void> {
  const error = outcome.error?.slice(0, 500) ?? null;
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('webhook_attempt').values({ delivery_id: deliveryId, at: outcome.at, duration_ms: outcome.durationMs, address: outcome.address, status_code: outcome.statusCode, error }).execute();
    await tx
      .updateTable('webhook_delivery')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        tries_left: eb('tries_left', '-', 1),
        status: outcome.status,
        next_attempt_at: outcome.nextAttemptAt,
        lease_until: null,
        last_status_code: outcome.statusCode,
        last_error: error,
        delivered_at: outcome.status === 'delivered' ? outcome.at : null,
      }))
      .where('id', '=', deliveryId)
      .execute();
  });
}

export async function deliveryRow(db: Db, id: string): Promise<DeliveryRow | null> {
  return (await db.selectFrom('webhook_delivery').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** 重新发送: the delivery is pending again now, with a full set of tries (its log keeps the earlier attempts). */
export async function resendDelivery(db: Db, id: string, tries: number, now: number): Promise<void> {
  await db.updateTable('webhook_delivery').set({ status: 'pending', tries_left: tries, next_attempt_at: now, lease_until: null, delivered_at: null }).where('id', '=', id).execute();
}

/** A hook's latest deliveries, newest first, each with its attempts. */
export async function deliveriesOf(db: Db, webhookId: string, limit = 100): Promise<WebhookDelivery[]> {
  const rows = await db.selectFrom('webhook_delivery').selectAll().where('webhook_id', '=', webhookId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  const attempts = rows.length
    ? await db.selectFrom('webhook_attempt').selectAll().where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('at').orderBy('id').execute()
    : [];
  return rows.map((row) => ({
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    event: row.event as WebhookEvent,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    log: attempts
      .filter((a) => a.delivery_id === row.id)
      .map((a) => ({ at: a.at, durationMs: a.duration_ms, address: a.address, statusCode: a.status_code, error: a.error })),
  }));
}

export async function allowedHosts(db: Db, bureauId: string): Promise<WebhookHost[]> {
  const rows = await db.selectFrom('webhook_host').selectAll().where('bureau_id', '=', bureauId).orderBy('host').execute();
  return rows.map((r) => ({ host: r.host, addedByName: r.added_by_name, addedAt: r.added_at }));
}

export async function allowHost(db: Db, bureauId: string, host: string, addedByName: string, at: number): Promise<void> {
  await db.deleteFrom('webhook_host').where('bureau_id', '=', bureauId).where('host', '=', host).execute();
  await db.insertInto('webhook_host').values({ bureau_id: bureauId, host, added_by_name: addedByName, added_at: at }).execute();
}

export async function disallowHost(db: Db, bureauId: string, host: string): Promise<void> {
  await db.deleteFrom('webhook_host').where('bureau_id', '=', bureauId).where('host', '=', host).execute();
}
