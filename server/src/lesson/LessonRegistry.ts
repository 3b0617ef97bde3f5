import type { DirectingStore } from '../redis/directingStore.js';
import type { FloorStore } from '../redis/floorStore.js';
import type { Logger } from '../log.js';
import type { WorkerPool } from '../media/workerPool.js';
import type { LiveState } from '../redis/liveState.js';
import { Lesson, type LessonLimits, type LessonRecord } from './Lesson.js';

/** A lesson opened for someone, and the function that lets it go. */
export interface HeldLesson {
  lesson: Lesson;
  release: () => void;
}

/**
 * The lessons live on this server. Opening is an async factory behind a
 * per-lesson promise, so two classrooms arriving at once never create two
 * routers for one lesson; what it hands out is held (`retain()`), so a
 * lesson cannot close under a join or a check that is still under way. A
 * lesson closes when it becomes idle: nobody in it, nothing holding it.
 */
export class LessonRegistry {
  private readonly lessons = new Map<string, Promise<Lesson>>();
  private lastStamp = 0;
  private readonly openedListeners: Array<(lesson: Lesson) => void> = [];
  private link: ((lesson: Lesson) => Promise<void>) | null = null;

  constructor(
    private readonly pool: WorkerPool,
    private readonly floors: FloorStore,
    private readonly directings: DirectingStore,
    private readonly live: LiveState,
    private readonly limits: LessonLimits,
    private readonly logger: Logger,
  ) {}

  /** The live lesson, opened on the least-loaded worker if it is not live yet, and held until `release()`. */
  async hold(record: LessonRecord): Promise<HeldLesson> {
    for (;;) {
      const lesson = await this.opening(record);
      // Closed between being opened and our turn (its last holder left): open it again.
      if (lesson.isClosed) continue;
      return { lesson, release: lesson.retain() };
    }
  }

  /**
   * A join time later than any before on this server. Taken when a join
   * arrives, before anything is awaited, so of two copies of a link the one
   * that arrived later is the newer one, however their lookups interleave.
   */
  stamp(): number {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return this.lastStamp;
  }

  /** Calls `listener` with every lesson opened from now on (the recorder attaches itself so); a throwing listener is logged. */
  onOpened(listener: (lesson: Lesson) => void): void {
    this.openedListeners.push(listener);
  }

  /**
   * Links every lesson opened from now on to its parts on other servers
   * (the federation), before anyone is answered with it: a failing link
   * fails the opening, as a missing router does.
   */
  linkWith(link: (lesson: Lesson) => Promise<void>): void {
    this.link = link;
  }

  /** A lesson live on this server, if it is. */
  async find(lessonId: string): Promise<Lesson | null> {
    const lesson = await this.lessons.get(lessonId)?.catch(() => null);
    return lesson && !lesson.isClosed ? lesson : null;
  }

  /** Every lesson open on this server now (巡课 lists the live ones among them; /metrics counts them). */
  async openLessons(): Promise<Lesson[]> {
    const lessons = await Promise.all([...this.lessons.values()].map((opening) => opening.catch(() => null)));
    return lessons.filter((lesson): lesson is Lesson => lesson !== null && !lesson.isClosed);
  }

  /** Closes every lesson (the server is stopping). */
  async closeAll(): Promise<void> {
    for (const lesson of await this.openLessons()) lesson.close();
    this.lessons.clear();
  }

  private opening(record: LessonRecord): Promise<Lesson> {
    const existing = this.lessons.get(record.id);
    if (existing) return existing;
    const id = record.id;
    const opening = Promise.all([this.floors.get(id), this.directings.get(id), this.directings.pinned(id), this.live.status(id)]).then(
      async ([floor, directing, pinned, status]) => {
        const lesson = await Lesson.open({ record, pool: this.pool, logger: this.logger, limits: this.limits, floor, directing, pinned, status, onIdle: (open) => this.closeIdle(open, opening) });
        this.keepPinStored(lesson, pinned);
        if (this.link) {
          try {
            await this.link(lesson);
          } catch (error) {
            lesson.close();
            throw error;
          }
        }
        for (const listener of this.openedListeners) {
          try {
            listener(lesson);
          } catch (error) {
            this.logger.error({ lessonId: id, err: (error as Error).message }, 'a lesson-opened listener failed');
          }
        }
        return lesson;
      },
    );
    this.lessons.set(record.id, opening);
    opening.catch(() => {
      if (this.lessons.get(record.id) === opening) this.lessons.delete(record.id);
    });
    return opening;
  }

  /**
   * The teacher's pin is stored when she pins (pinMainView); a pin that ends
   * by itself (the pinned classroom left) is cleared from Redis here, so a
   * restarted server does not bring back a pin she no longer sees.
   */
  private keepPinStored(lesson: Lesson, pinned: string | null): void {
    let stored = pinned;
    lesson.on('mainviewchanged', (view) => {
      const now = view.pinned ? view.participantId : null;
      if (now === stored) return;
      stored = now;
      this.directings.setPinned(lesson.record.id, now).catch((error: Error) => this.logger.warn({ lessonId: lesson.record.id, err: error.message }, 'could not store the pin'));
    });
  }

  /** Closes a lesson nobody is in or holds, so its router does not keep worker memory. */
  private closeIdle(lesson: Lesson, opening: Promise<Lesson>): void {
    lesson.close();
    if (this.lessons.get(lesson.record.id) === opening) this.lessons.delete(lesson.record.id);
    this.logger.info({ lessonId: lesson.record.id }, 'lesson closed (nobody connected)');
  }
}
