import type { DirectingStore } from '../features/directing/directingStore.js';
import type { FloorStore } from '../features/floor/floorStore.js';
import type { Logger } from '../log.js';
import type { WorkerPool } from '../media/workerPool.js';
import { Lesson, type LessonRecord } from './Lesson.js';

/**
 * The lessons live on this server. Opening is an async factory behind a
 * per-lesson promise, so two classrooms arriving at once never create two
 * routers for one lesson.
 */
export class LessonRegistry {
  private readonly lessons = new Map<string, Promise<Lesson>>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly floors: FloorStore,
    private readonly directings: DirectingStore,
    private readonly logger: Logger,
  ) {}

  /** The live lesson, opened on the least-loaded worker if it is not live yet. */
  open(record: LessonRecord): Promise<Lesson> {
    const existing = this.lessons.get(record.id);
    if (existing) return existing;
    const opening = Promise.all([this.floors.get(record.id), this.directings.get(record.id)]).then(([floor, directing]) =>
      Lesson.open(record, this.pool, this.logger, floor, directing),
    );
    this.lessons.set(record.id, opening);
    opening.catch(() => this.lessons.delete(record.id));
    return opening;
  }

  /** Closes a lesson nobody is connected to, so its router does not hold worker memory. */
  closeIfEmpty(lesson: Lesson): void {
    if (lesson.participants.size > 0 || lesson.isClosed) return;
    lesson.close();
    this.lessons.delete(lesson.record.id);
    this.logger.info({ lessonId: lesson.record.id }, 'lesson closed (nobody connected)');
  }

  async all(): Promise<Lesson[]> {
    return Promise.all(this.lessons.values());
  }

  async closeAll(): Promise<void> {
    for (const lesson of await this.all()) lesson.close();
    this.lessons.clear();
  }
}
