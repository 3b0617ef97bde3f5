import type { Router } from 'mediasoup/node/lib/Router.js';
import type { WebRtcServer } from 'mediasoup/node/lib/WebRtcServer.js';
import type { Directing, FloorState, LessonStatus, LessonView, PublishedTrack, ServerNotice } from '@shared';
import { Director } from '../features/directing/Director.js';
import { StageKeeper } from '../features/directing/StageKeeper.js';
import type { Logger } from '../log.js';
import type { WorkerPool } from '../media/workerPool.js';
import type { Participant } from './Participant.js';

/** What the lesson knows of itself from the durable store. */
export interface LessonRecord {
  id: string;
  title: string;
  teacherName: string;
}

/**
 * A live lesson on this server: one mediasoup router and the participants
 * connected to it. Closing the lesson closes the router, which closes every
 * transport, producer and consumer in the worker.
 */
export class Lesson {
  readonly participants = new Map<string, Participant>();
  status: LessonStatus = 'waiting';
  /** Who may speak; Redis holds the truth (FloorStore), this is the copy the media rules read. */
  floor: FloorState;
  readonly director: Director;
  /** What every classroom screen shows (导播). */
  readonly stage: StageKeeper;
  private closed = false;

  private constructor(
    readonly record: LessonRecord,
    private routerHandle: { router: Router; webRtcServer: WebRtcServer },
    private readonly pool: WorkerPool,
    private readonly logger: Logger,
    floor: FloorState,
    directing: Directing,
  ) {
    this.floor = floor;
    this.director = new Director(this, logger);
    this.stage = new StageKeeper(this, logger, directing);
    this.watchRouter();
  }

  static async open(record: LessonRecord, pool: WorkerPool, logger: Logger, floor: FloorState, directing: Directing): Promise<Lesson> {
    const handle = await pool.createRouter();
    const lesson = new Lesson(record, handle, pool, logger.child({ lessonId: record.id }), floor, directing);
    await lesson.director.attach(handle.router);
    return lesson;
  }

  get router(): Router {
    return this.routerHandle.router;
  }

  get webRtcServer(): WebRtcServer {
    return this.routerHandle.webRtcServer;
  }

  get view(): LessonView {
    return { id: this.record.id, title: this.record.title, teacherName: this.record.teacherName, status: this.status };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Every track published in the lesson, as receivers see it. */
  tracks(): PublishedTrack[] {
    return [...this.participants.values()].flatMap((participant) =>
      [...participant.media.producers.values()].map(({ producer, source }) => ({
        producerId: producer.id,
        participantId: participant.id,
        kind: producer.kind,
        source,
        paused: producer.paused,
      })),
    );
  }

  /** Finds a producer of this lesson (never of another lesson) and its owner. */
  findProducer(producerId: string): { owner: Participant; track: PublishedTrack } | null {
    for (const owner of this.participants.values()) {
      const entry = owner.media.producers.get(producerId);
      if (entry) {
        const { producer, source } = entry;
        return { owner, track: { producerId, participantId: owner.id, kind: producer.kind, source, paused: producer.paused } };
      }
    }
    return null;
  }

  /** Sends a notice to everyone in the lesson except `exceptId`. */
  broadcast(notice: ServerNotice, exceptId?: string): void {
    for (const participant of this.participants.values()) if (participant.id !== exceptId) participant.notify(notice);
  }

  /** Closes the router and forgets participants; idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const participant of this.participants.values()) participant.media.close();
    this.participants.clear();
    this.router.close();
  }

  /**
   * When the worker under this router dies, the lesson moves to a new router
   * and every participant is told to set up its media again (its signalling
   * connection and place in the lesson stay).
   */
  private watchRouter(): void {
    this.router.once('workerclose', () => {
      if (this.closed) return;
      this.logger.warn('media worker of this lesson died; moving the lesson to a new router');
      for (const participant of this.participants.values()) participant.resetMedia();
      this.pool
        .createRouter()
        .then(async (handle) => {
          if (this.closed) return void handle.router.close();
          this.routerHandle = handle;
          this.watchRouter();
          await this.director.attach(handle.router);
          this.broadcast({ type: 'mediaRestart', reason: 'media server restarted' });
        })
        .catch((error: Error) => this.logger.error({ err: error.message }, 'no router for the lesson after a worker died'));
    });
  }
}
