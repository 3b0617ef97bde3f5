import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER } from '@shared';
import type { Db } from '../../db/database.js';
import { allowedHosts, claimDue, nextDueAt, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from '../../db/webhooks.js';
import type { Logger } from '../../log.js';
import type { PostWebhook } from './postWebhook.js';
import { signatureOf } from './signature.js';
import { checkTarget, TargetRefused, type Resolve } from './targetGuard.js';
import { Drainer } from '../../jobs/Drainer.js';

export interface SenderOptions {
  /** The first retry's wait (WEBHOOK_BACKOFF_MS); each next one waits twice as long, up to MAX_BACKOFF_MS. */
  backoffMs: number;
  /** How long a receiver has to answer (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** Attempts per delivery, and again after 重新发送 (WEBHOOK_MAX_ATTEMPTS). */
  maxAttempts: number;
  resolve: Resolve;
  post: PostWebhook;
}

/** Pushes sent at once: a slow receiver must not hold up the others. */
const CONCURRENCY = 4;
/** The longest wait between two attempts. */
const MAX_BACKOFF_MS = 6 * 3600_000;
/** How often the outbox is looked at without a wake (another server may have written to it). */
const POLL_MS = 5000;

/** The wait before the attempt after the `n`th of a round (1-based): backoff, 2×, 4× … */
export const backoffAfter = (n: number, baseMs: number): number => Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (n - 1));

/**
 * 推送's background sender: takes due deliveries from SQL (each under a
 * lease, so a second server or a restart never sends one twice at once),
 * checks the target again, signs and posts it, and writes the attempt and
 * what follows (delivered, a retry after the backoff, or failed) before
 * taking the next. Nothing in a lesson waits for it.
 */
export class WebhookSender {
  private readonly drainer: Drainer;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: SenderOptions,
    private readonly logger: Logger,
  ) {
    this.drainer = new Drainer(() => this.drain(), logger, 'the webhook sender stopped on an error; it tries again shortly', () => void this.schedule());
  }

  /** Something was queued, or the server started: sends what is due now and sets a timer for the next. */
  wake(): void {
    this.drainer.wake();
  }

  /** Resolves once nothing due is being sent (for tests). */
  idle(): Promise<void> {
    return this.drainer.idle();
  }

  /** Takes nothing new; the pushes under way finish (their lease would otherwise run out and they are taken again at the next start). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.drainer.close();
  }

  private async schedule(): Promise<void> {
    if (this.drainer.isClosed) return;
    if (this.timer) clearTimeout(this.timer);
    const due = await nextDueAt(this.db).catch(() => null);
    const wait = due === null ? POLL_MS : Math.max(0, Math.min(POLL_MS, due - Date.now()));
    if (this.drainer.isClosed) return;
    this.timer = setTimeout(() => this.wake(), wait).unref();
  }

  private async drain(): Promise<void> {
    const leaseMs = this.options.timeoutMs + 30_000;
    for (let batch = await claimDue(this.db, Date.now(), leaseMs, CONCURRENCY); batch.length && !this.drainer.isClosed; batch = await claimDue(this.db, Date.now(), leaseMs, CONCURRENCY)) {
      await Promise.all(batch.map((delivery) => this.send(delivery)));
    }
  }

  private async send(delivery: ClaimedDelivery): Promise<void> {
    const started = Date.now();
    let address: string | null = null;
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      if (delivery.removed_at !== null) throw new Error('the hook was removed');
      const allowed = new Set((await allowedHosts(this.db, delivery.bureau_id)).map((h) => h.host));
      // Checked again at every attempt: the name may resolve elsewhere than at registration.
      const target = await checkTarget(delivery.url, allowed, this.options.resolve);
      address = target.address;
      const t = Math.floor(Date.now() / 1000);
      const headers = { [SIGNATURE_HEADER]: signatureOf(delivery.secret, delivery.body, t), [EVENT_ID_HEADER]: delivery.event_id, [EVENT_TYPE_HEADER]: delivery.event };
      statusCode = (await this.options.post(target, headers, delivery.body, this.options.timeoutMs)).statusCode;
      if (statusCode < 200 || statusCode > 299) error = `answered ${statusCode}`;
    } catch (caught) {
      error = caught instanceof TargetRefused ? caught.message : `${(caught as NodeJS.ErrnoException).code ?? ''} ${(caught as Error).message}`.trim();
    }
    const delivered = error === null;
    const round = this.options.maxAttempts - delivery.tries_left + 1;
    const last = delivery.tries_left <= 1 || delivery.removed_at !== null;
    const now = Date.now();
    const outcome: AttemptOutcome = {
      at: started,
      durationMs: now - started,
      address,
      statusCode,
      error,
      status: delivered ? 'delivered' : last ? 'failed' : 'pending',
      nextAttemptAt: delivered || last ? null : now + backoffAfter(round, this.options.backoffMs),
    };
    await recordAttempt(this.db, delivery.id, outcome);
    if (!delivered) this.logger.warn({ deliveryId: delivery.id, event: delivery.event, attempt: delivery.attempts + 1, err: error, next: outcome.nextAttemptAt }, last ? 'a webhook delivery failed for good' : 'a webhook delivery failed; it is tried again');
  }
}
