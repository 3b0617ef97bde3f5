import type { Logger } from '../log.js';

/** Lines one connection may write about its rejected requests per minute. */
const LINES_PER_MINUTE = 5;
const MINUTE_MS = 60_000;

/**
 * Logs rejected requests of one client: the first few of every minute in
 * full, the rest only counted, and the count written as one summary line when
 * the minute turns. A client sending garbage in a loop therefore writes a
 * handful of lines a minute, never enough to fill the disk.
 */
export class RejectionLog {
  private windowStart = 0;
  private written = 0;
  private suppressed = 0;

  constructor(
    private readonly log: Logger,
    private readonly level: 'warn' | 'error' = 'warn',
  ) {}

  /** One rejected request or unknown event. */
  reject(detail: Record<string, unknown>, message: string, now = Date.now()): void {
    if (now - this.windowStart >= MINUTE_MS) {
      this.flush();
      this.windowStart = now;
      this.written = 0;
    }
    if (this.written < LINES_PER_MINUTE) {
      this.written++;
      this.log[this.level](detail, message);
    } else {
      this.suppressed++;
    }
  }

  /** Nothing was logged or counted for a minute: the entry can be forgotten. */
  isIdle(now = Date.now()): boolean {
    return this.suppressed === 0 && now - this.windowStart >= MINUTE_MS;
  }

  /** Writes the summary of what was only counted; called when the minute turns. */
  flush(): void {
    if (this.suppressed === 0) return;
    this.log[this.level]({ suppressed: this.suppressed }, `${this.suppressed} more like this (not logged one by one)`);
    this.suppressed = 0;
  }
}

/** Addresses whose log budgets are kept at once; beyond it the oldest is forgotten. */
const MAX_ADDRESSES = 10_000;

/**
 * One RejectionLog per client address, shared by all its connections: a
 * client that opens a new connection for every bad message (a hostile frame
 * closes the connection) gets no fresh budget. Summaries are written every
 * minute; idle addresses are forgotten.
 */
export class AddressLogs {
  private readonly logs = new Map<string, RejectionLog>();
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly log: Logger) {
    this.sweep = setInterval(() => this.flushAll(), MINUTE_MS);
    this.sweep.unref();
  }

  /** The budget of one address. */
  of(address: string): RejectionLog {
    let entry = this.logs.get(address);
    if (!entry) {
      if (this.logs.size >= MAX_ADDRESSES) {
        const oldest = this.logs.keys().next().value!;
        this.logs.get(oldest)?.flush();
        this.logs.delete(oldest);
      }
      entry = new RejectionLog(this.log.child({ address }));
      this.logs.set(address, entry);
    }
    return entry;
  }

  /** Writes every summary due and forgets idle addresses. */
  flushAll(now = Date.now()): void {
    for (const [address, entry] of this.logs) {
      entry.flush();
      if (entry.isIdle(now)) this.logs.delete(address);
    }
  }

  close(): void {
    clearInterval(this.sweep);
    this.flushAll();
  }
}
