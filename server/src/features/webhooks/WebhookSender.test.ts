import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { createWebhook, deliveriesOf } from '../../db/webhooks.js';
import { createLogger } from '../../log.js';
import type { PostWebhook } from './postWebhook.js';
import { signatureOf, verifySignature } from './signature.js';
import type { CheckedTarget, Resolve } from './targetGuard.js';
import { backoffAfter, WebhookSender } from './WebhookSender.js';
import { Webhooks } from './Webhooks.js';

/*
 * The sender with a stub resolver and a stub connection: nothing is looked
 * up or sent on any network. What it proves: the guard runs again at every
 * attempt (a name that now resolves to a private address is refused before
 * connecting, DNS rebinding), the connection goes to the checked address,
 * retries back off, and a delivery gives up after its attempts.
 */

describe('the webhook sender', () => {
  let db: Db;
  let answers: Record<string, string>;
  let connected: CheckedTarget[];
  let statuses: number[];
  const resolve: Resolve = async (host) => [{ address: answers[host] ?? '8.8.8.8', family: 4 }];
  const post: PostWebhook = async (target) => {
    connected.push(target);
    return { statusCode: statuses.shift() ?? 200 };
  };
  const logger = createLogger('silent');

  beforeEach(async () => {
    db = await openDatabase(mkdtempSync(join(tmpdir(), 'tongtang-hooks-')));
    answers = { 'portal.example.cn': '203.119.8.8' };
    connected = [];
    statuses = [];
    await db.insertInto('bureau').values({ id: 'b', name: '县教育局' }).onConflict((oc) => oc.doNothing()).execute();
    await createWebhook(db, { id: 'wh_1', bureau_id: 'b', school_id: null, url: 'https://portal.example.cn/hook', events: 'lesson.started', description: '', secret: 'whsec_test', created_by: 'a', created_by_name: '管理员', created_at: 1, removed_at: null });
  });
  afterEach(async () => db.destroy());

  const run = async (statusList: number[], maxAttempts = 3) => {
    statuses = statusList;
    const sender = new WebhookSender(db, { backoffMs: 10, timeoutMs: 1000, maxAttempts, resolve, post }, logger);
    const hooks = new Webhooks(db, sender, maxAttempts, logger);
    const data = { course: { lessonId: 'l1', title: '课', subject: null, grade: null, teacher: { accountId: null, name: '王老师' }, hostSchool: { id: 's', name: '城关小学' }, hostClassroom: { id: 'c', name: '四(1)班' }, classrooms: [], schools: [{ id: 's', name: '城关小学' }], startsAt: null, endsAt: null }, startedAt: 5 };
    const eventId = await hooks.emit('lesson.started', { bureauId: 'b', schoolIds: ['s'] }, data);
    for (let i = 0; i < 50 && (await deliveriesOf(db, 'wh_1'))[0]!.status === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      await sender.idle();
    }
    await sender.close();
    return { eventId, delivery: (await deliveriesOf(db, 'wh_1'))[0]! };
  };

  it('connects to the address it checked, and retries a 500 until a 2xx', async () => {
    const { delivery } = await run([500, 503, 200]);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(delivery.log.map((a) => a.statusCode)).toEqual([500, 503, 200]);
    expect(connected.every((t) => t.address === '203.119.8.8' && t.host === 'portal.example.cn')).toBe(true);
  });

  it('gives up after its attempts', async () => {
    const { delivery } = await run([500, 500, 500, 500], 2);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 2, lastStatusCode: 500 });
  });

  it('refuses a name that now resolves to a private or metadata address, before connecting', async () => {
    answers['portal.example.cn'] = '10.0.0.7';
    const { delivery } = await run([], 2);
    expect(connected).toEqual([]);
    expect(delivery.status).toBe('failed');
    expect(delivery.log.every((a) => a.address === null && /10\.0\.0\.7, a private network/.test(a.error ?? ''))).toBe(true);
    answers['portal.example.cn'] = '169.254.169.254';
    await db.updateTable('webhook_delivery').set({ status: 'pending', tries_left: 1, next_attempt_at: 0 }).execute();
    const sender = new WebhookSender(db, { backoffMs: 10, timeoutMs: 1000, maxAttempts: 1, resolve, post }, logger);
    sender.wake();
    await sender.idle();
    await sender.close();
    expect(connected).toEqual([]);
    expect((await deliveriesOf(db, 'wh_1'))[0]!.lastError).toMatch(/metadata/);
  });

  it('doubles the wait after each failed attempt, up to six hours', () => {
    expect([1, 2, 3, 4].map((n) => backoffAfter(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffAfter(30, 30_000)).toBe(6 * 3600_000);
  });

  it('signs timestamp and body; the receiver refuses another body, another secret or an old timestamp', () => {
    const now = 1_800_000_000;
    const header = signatureOf('whsec_x', '{"a":1}', now);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_x', '{"a":1}', header, now)).toBe(true);
    expect(verifySignature('whsec_x', '{"a":2}', header, now)).toBe(false);
    expect(verifySignature('whsec_y', '{"a":1}', header, now)).toBe(false);
    expect(verifySignature('whsec_x', '{"a":1}', header, now + 3600)).toBe(false);
  });
});
