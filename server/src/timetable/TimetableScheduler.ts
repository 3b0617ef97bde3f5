import type { Db } from '../db/database.js';
import { changeLessonStatus } from '../features/lesson-status/changeLessonStatus.js';
import type { Logger } from '../log.js';
import type { LessonRegistry } from '../lesson/LessonRegistry.js';
import type { LiveState } from '../redis/liveState.js';
import type { Webhooks } from '../features/webhooks/Webhooks.js';
import { expandLessons } from './expandLessons.js';
import { localParts } from './wallClock.js';

/** The longest the scheduler sleeps: a lesson made meanwhile by another server is seen this late at worst. */
const MAX_SLEEP_MS = 30_000;
/** A lesson whose end is further back than this is history: a server down for days does not replay it. */
const LOOK_BACK_MS = 12 * 3600_000;

/**
 * 课表 runs itself: one timer that makes the coming days' occurrences into
 * lessons (at start-up, once a day and after each edit), starts a timetable
 * lesson (开始上课) at its start time if its teacher has not, and ends it
 * (下课) at its end time (which 延长 moves). On start it looks at every
 * lesson whose time has come or passed, so a restart misses nothing. Only
 * lessons of the timetable run themselves; one created by hand waits for its
 * teacher as before. Each step is idempotent (Redis holds the status), so
 * several servers may each run one.
 */
export class TimetableScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expandedOn = '';
  private running: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly services: { db: Db; live: LiveState; lessons: LessonRegistry; webhooks: Webhooks; logger: Logger },
    private readonly options: { timeZone: string; daysAhead: number; now?: () => number },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  start(): void {
    this.wake({ expand: true });
  }

  /** Looks again now: after an edit of the timetable (`expand`) or a lesson's new end. */
  wake(options: { expand?: boolean } = {}): Promise<void> {
    if (options.expand) this.expandedOn = '';
    const next = this.running.then(() => this.tick());
    this.running = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.closed) return;
    clearTimeout(this.timer);
    const now = this.now();
    try {
      const today = localParts(now, this.options.timeZone).date;
      if (this.expandedOn !== today) {
        const counts = await expandLessons(this.services.db, { ...this.options, now, scheduled: (id) => this.services.webhooks.lessonScheduled(id) });
        this.expandedOn = today;
        if (counts.made + counts.updated + counts.removed > 0) this.services.logger.info(counts, 'timetable lessons made');
      }
      await this.startAndEnd(now);
    } catch (error) {
      this.services.logger.error({ err: (error as Error).message }, 'the timetable scheduler failed; trying again');
    }
    if (this.closed) return;
    const next = await this.nextMoment(now).catch(() => null);
    const sleep = Math.max(50, Math.min(MAX_SLEEP_MS, (next ?? Infinity) - this.now()));
    this.timer = setTimeout(() => void this.wake(), sleep);
    this.timer.unref();
  }

  private async startAndEnd(now: number): Promise<void> {
    const { db, live, logger } = this.services;
    const due = await db
      .selectFrom('lesson')
      .select(['id', 'starts_at', 'ends_at'])
      .where('timetable_entry_id', 'is not', null)
      .where('starts_at', '<=', now)
      .where('ends_at', '>', now - LOOK_BACK_MS)
      .execute();
    for (const lesson of due) {
      const status = await live.status(lesson.id);
      if (lesson.ends_at! <= now) {
        if (status === 'live') {
          await changeLessonStatus(this.services, lesson.id, 'ended', now);
          logger.info({ lessonId: lesson.id }, 'the timetable ended the lesson (下课)');
        }
      } else if (status === 'waiting') {
        await changeLessonStatus(this.services, lesson.id, 'live', now);
        logger.info({ lessonId: lesson.id }, 'the timetable started the lesson (开始上课)');
      } else {
        // Another server changed it: a lesson live here follows Redis.
        const here = await this.services.lessons.find(lesson.id);
        if (here && here.status !== status) here.setStatus(status);
      }
    }
  }

  /** The next start or end of a timetable lesson, or tomorrow's expansion. */
  private async nextMoment(now: number): Promise<number | null> {
    const { db } = this.services;
    const row = await db
      .selectFrom('lesson')
      .select((eb) => [eb.fn.min('starts_at').as('start')])
      .where('timetable_entry_id', 'is not', null)
      .where('starts_at', '>', now)
      .executeTakeFirst();
    const end = await db
      .selectFrom('lesson')
      .select((eb) => [eb.fn.min('ends_at').as('end')])
      .where('timetable_entry_id', 'is not', null)
      .where('ends_at', '>', now)
      .executeTakeFirst();
    const times = [row?.start, end?.end].filter((t): t is number => typeof t === 'number');
    return times.length > 0 ? Math.min(...times) : null;
  }
}
