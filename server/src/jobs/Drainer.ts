import { outsideRequest, type Logger } from '../log.js';

/**
 * Work that drains a queue kept elsewhere (SQL rows), one pass at a time: a
 * wake during a pass asks for one more pass after it, never a second one
 * beside it. Used by the directed-view jobs and the webhook sender.
 */
export class Drainer {
  private draining: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly logger: Logger,
    /** What the log says when a pass fails (the next wake tries again). */
    private readonly failure: string,
    /** After the last pass, when nothing asked for another (e.g. a timer for the next due row). */
    private readonly idleAfter: () => void = () => undefined,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Something was queued, or the server started: drains now, or once more after the pass under way. */
  wake(): void {
    if (this.closed) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    // A request that queued something (a push, say) only woke the queue: the pass, and the timer after it, are not part of it.
    this.draining = outsideRequest(() =>
      this.pass()
        .catch((error: Error) => this.logger.error({ err: error.message }, this.failure))
        .finally(() => {
          this.draining = null;
          if (this.again && !this.closed) {
            this.again = false;
            this.wake();
          } else if (!this.closed) this.idleAfter();
        }),
    );
  }

  /** Resolves once no pass runs (for tests). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Takes no new pass; resolves when the one under way is over. */
  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
  }
}
