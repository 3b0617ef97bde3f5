import type { Router } from 'mediasoup/node/lib/Router.js';
import type { WebRtcTransport } from 'mediasoup/node/lib/WebRtcTransport.js';
import type { Logger } from '../log.js';
import type { MediaWorker, RouterHandle, WorkerPool } from '../media/workerPool.js';

/** A router of the lesson on another worker, and the producers piped into it so far. */
interface Spill {
  handle: Promise<RouterHandle>;
  piped: Map<string, Promise<void>>;
  /** Participants whose receive transport is on it, told to set up again if its worker dies. */
  receivers: Set<string>;
}

/** What the fanout needs of its lesson. */
export interface FanoutLesson {
  /** The lesson's own router (its producers are there); throws UNAVAILABLE while it has none. */
  home(): RouterHandle;
  /** A participant of this lesson whose receive transport died with a worker: drop its media and tell its page. */
  restartReceiver(participantId: string): void;
}

/**
 * Where a lesson's receivers are served. Everyone who sends (the teacher,
 * the classrooms) is on the lesson's own router, so its microphones, floor
 * and directing stay in one place. Receive-only participants (viewers,
 * observers, inspectors) join it too while its worker has room; once the
 * worker is full (see WorkerPool.receiverWorker), new ones get a router of
 * the same lesson on another worker, into which each producer they consume is
 * piped once (`pipeToRouter`), however many receive it there. To the page it
 * is the same lesson: the same producer ids, the same capabilities (every
 * router has the same codecs), only another port.
 *
 * Pauses, layers and closing cross the pipe by themselves (mediasoup's pipe
 * consumer pauses and closes the piped producer); a key-frame request from a
 * receiver there crosses it back to the sender.
 */
export class LessonFanout {
  private readonly spills = new Map<MediaWorker, Spill>();
  private readonly routerOf = new WeakMap<WebRtcTransport, { router: Router; worker: number; spill: Spill | null }>();

  constructor(
    private readonly lesson: FanoutLesson,
    private readonly pool: WorkerPool,
    private readonly logger: Logger,
  ) {}

  /** The router a new transport goes on: the lesson's own, except for a receive-only participant when its worker is full. */
  async place(participantId: string, receiveOnly: boolean): Promise<RouterHandle> {
    const home = this.lesson.home();
    if (!receiveOnly) return home;
    const worker = this.pool.receiverWorker(home.worker);
    if (worker === home.worker) return home;
    const spill = this.spillOn(worker);
    spill.receivers.add(participantId);
    try {
      return await spill.handle;
    } catch (error) {
      spill.receivers.delete(participantId);
      throw error;
    }
  }

  /** Remembers which router a transport was made on (from the handle `place` gave). */
  made(transport: WebRtcTransport, handle: RouterHandle): void {
    const spill = handle.worker === this.lesson.home().worker ? null : (this.spills.get(handle.worker) ?? null);
    this.routerOf.set(transport, { router: handle.router, worker: handle.worker.index, spill });
  }

  /** The router to consume on from this transport, with the producer piped into it first if it is not the lesson's own. */
  async reach(transport: WebRtcTransport, producerId: string): Promise<Router> {
    const placed = this.routerOf.get(transport);
    if (!placed?.spill) return placed?.router ?? this.lesson.home().router;
    const { spill, router } = placed;
    let piping = spill.piped.get(producerId);
    if (!piping) {
      piping = this.pipe(producerId, router, spill);
      spill.piped.set(producerId, piping);
    }
    await piping;
    return router;
  }

  /** Which worker serves a transport's media (for the admins' media view). */
  workerOf(transport: WebRtcTransport): number | null {
    return this.routerOf.get(transport)?.worker ?? null;
  }

  /** Routers on other workers, for the media view and tests: worker index → receivers there. */
  spilled(): Array<{ worker: number; receivers: string[] }> {
    return [...this.spills].map(([worker, spill]) => ({ worker: worker.index, receivers: [...spill.receivers] }));
  }

  /** A participant left: a later death of a worker it was on is none of its business. */
  forget(participantId: string): void {
    for (const spill of this.spills.values()) spill.receivers.delete(participantId);
  }

  /** Closes every router on other workers (the lesson closes, or lost its own router and everyone sets up again). */
  close(): void {
    for (const spill of this.spills.values()) void spill.handle.then(({ router }) => router.close(), () => undefined);
    this.spills.clear();
  }

  private spillOn(worker: MediaWorker): Spill {
    const existing = this.spills.get(worker);
    if (existing) return existing;
    const spill: Spill = { handle: this.pool.createRouter(worker), piped: new Map(), receivers: new Set() };
    this.spills.set(worker, spill);
    spill.handle.then(
      ({ router }) => {
        this.logger.info({ worker: worker.index }, "the lesson's worker is full: new receivers are served from another worker");
        router.once('workerclose', () => {
          if (this.spills.get(worker) !== spill) return;
          this.spills.delete(worker);
          this.logger.warn({ worker: worker.index, receivers: spill.receivers.size }, 'a worker serving receivers of this lesson died; they set up again');
          for (const id of spill.receivers) this.lesson.restartReceiver(id);
        });
      },
      () => {
        if (this.spills.get(worker) === spill) this.spills.delete(worker);
      },
    );
    return spill;
  }

  private async pipe(producerId: string, router: Router, spill: Spill): Promise<void> {
    try {
      const { pipeProducer } = await this.lesson.home().router.pipeToRouter({ producerId, router });
      // When the producer closes, its piped copy closes with it; a later consume of the same id (none can come) would pipe again.
      pipeProducer?.observer.once('close', () => spill.piped.delete(producerId));
    } catch (error) {
      spill.piped.delete(producerId);
      throw error;
    }
  }
}
