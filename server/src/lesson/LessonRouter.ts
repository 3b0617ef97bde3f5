import type { Router } from 'mediasoup/node/lib/Router.js';
import type { Logger } from '../log.js';
import { MediaUnavailableError } from '../media/mediaErrors.js';
import type { RouterHandle, WorkerPool } from '../media/workerPool.js';

/** What the lesson does when its router is lost, cannot be replaced yet, or has been replaced. */
export interface RouterWatcher {
  isClosed(): boolean;
  /** The worker died: every participant's media went with it (their places stay). */
  lost(): void;
  /** No worker can take the lesson for now (told once per loss). */
  unavailable(): void;
  /** A new router on a live worker: observers attach, pages set up their media again. */
  moved(router: Router): void;
}

/**
 * A lesson's router, kept alive across worker deaths: when the worker under
 * it dies, a router on a live worker (or the dead one's replacement) takes
 * its place. It tries for as long as the lesson lasts: with another worker
 * alive this takes a few milliseconds; with none, the lesson is told once and
 * the pool is waited for.
 */
export class LessonRouter {
  constructor(
    private handle: RouterHandle,
    private readonly pool: WorkerPool,
    private readonly logger: Logger,
    private readonly watcher: RouterWatcher,
  ) {
    this.watch();
  }

  /** The router; UNAVAILABLE while its worker has died and no other can take it yet. */
  get router(): Router {
    return this.current.router;
  }

  /** The router with its worker and WebRtcServer; UNAVAILABLE as `router` is. */
  get current(): RouterHandle {
    if (this.handle.router.closed && !this.watcher.isClosed()) throw new MediaUnavailableError();
    return this.handle;
  }

  close(): void {
    this.handle.router.close();
  }

  private watch(): void {
    this.handle.router.once('workerclose', () => {
      if (this.watcher.isClosed()) return;
      this.logger.warn('media worker of this lesson died; moving the lesson to a new router');
      this.watcher.lost();
      void this.move();
    });
  }

  private async move(): Promise<void> {
    for (let told = false; !this.watcher.isClosed(); ) {
      try {
        const handle = await this.pool.createRouter();
        if (this.watcher.isClosed()) return void handle.router.close();
        this.handle = handle;
        this.watch();
        this.watcher.moved(handle.router);
        return;
      } catch (error) {
        if (!(error instanceof MediaUnavailableError)) {
          // The chosen worker died as we asked it: try again after a pause, not in a tight loop.
          this.logger.warn({ err: (error as Error).message }, 'creating the new router failed; trying again');
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        if (!told) {
          told = true;
          this.logger.error('no media worker for the lesson; waiting for one');
          this.watcher.unavailable();
        }
        await this.pool.whenAvailable();
      }
    }
  }
}
