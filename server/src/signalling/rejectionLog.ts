import type { Logger } from '../log.js';

/** Lines one connection may write about its rejected requests per minute. */
const LINES_PER_MINUTE = 5;
const MINUTE_MS = 60_000;

/**
 * Logs rejected requests of one connection: the first few of every minute in
 * full, the rest only counted, and the count written as one summary line when
 * the minute turns or the connection closes. A client sending garbage in a
 * loop therefore writes a handful of lines a minute, never enough to fill
 * the disk.
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

  /** Writes the summary of what was only counted; called when the minute turns and at disconnect. */
  flush(): void {
    if (this.suppressed === 0) return;
    this.log[this.level]({ suppressed: this.suppressed }, `${this.suppressed} more like this (not logged one by one)`);
    this.suppressed = 0;
  }
}
