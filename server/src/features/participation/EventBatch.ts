import type { LessonEventRow } from '../../db/lessonEvents.js';
import type { Logger } from '../../log.js';

/** Events are written at most this often: a busy discussion changes speakers several times a second. */
const FLUSH_EVERY_MS = 1500;
/** Rows kept for a database that cannot take them now; past that the oldest go (and the log says how many). */
const MAX_PENDING = 10_000;

/** Stores a batch of rows (appendLessonEvents in the server; a fake in tests). */
export type WriteRows = (rows: readonly LessonEventRow[]) => Promise<void>;

/**
 * `lesson_event` rows on their way to the database: one statement every
 * second and a half, in the order added. A write that fails is logged and
 * tried again with the next batch, never thrown at whoever added the rows.
 */
export class EventBatch {
  private pending: LessonEventRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: WriteRows,
    private readonly logger: Logger,
  ) {}

  add(row: LessonEventRow): void {
    this.pending.push(row);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_EVERY_MS).unref();
  }

  /** Resolves when everything added so far has been written (or has failed and been logged). */
  async settled(): Promise<void> {
    this.flush();
    await this.writing;
  }

  /** Writes what is pending, after the write before it (so rows keep their order). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const rows = this.pending.splice(0);
    this.writing = this.writing.then(async () => {
      try {
        await this.write(rows);
      } catch (error) {
        this.logger.error({ err: error instanceof Error ? error.message : String(error), rows: rows.length }, 'could not write the lesson event log; trying again');
        this.keepForLater(rows);
      }
    });
  }

  private keepForLater(rows: LessonEventRow[]): void {
    this.pending.unshift(...rows);
    const dropped = this.pending.length - MAX_PENDING;
    if (dropped > 0) {
      this.pending.splice(0, dropped);
      this.logger.error({ dropped }, 'lesson event rows dropped: the database has refused them for too long');
    }
    this.timer ??= setTimeout(() => this.flush(), FLUSH_EVERY_MS).unref();
  }
}
