import type { Logger } from '../log.js';
import type { RouterHandle, WorkerPool } from '../media/workerPool.js';
import type { ServerNotice } from '@shared';
import { LessonFanout } from './LessonFanout.js';
import type { LessonEvents } from './LessonTypes.js';
import { LessonRouter } from './LessonRouter.js';
import type { Participant } from './Participant.js';

/** What the media wiring needs of its lesson. */
export interface MediaWiredLesson {
  readonly participants: Map<string, Participant>;
  readonly isClosed: boolean;
  broadcast(notice: ServerNotice, exceptId?: string): void;
  emit<K extends keyof LessonEvents>(event: K, ...args: LessonEvents[K]): void;
}

/**
 * A lesson's router (moved to a live worker when its own dies) and its
 * fanout (routers on other workers once its own is full), each telling the
 * lesson's pages what happened to their media: everyone when the lesson's
 * own worker went, only the spilled receivers when another worker did.
 */
export function wireLessonMedia(lesson: MediaWiredLesson, handle: RouterHandle, pool: WorkerPool, logger: Logger): { media: LessonRouter; fanout: LessonFanout } {
  const fanout = new LessonFanout(
    {
      home: () => media.current,
      restartReceiver: (participantId) => {
        const participant = lesson.participants.get(participantId);
        // Only if its receive transport went with the worker (it may have set up again on the lesson's own since).
        if (!participant || participant.media.transportFor('recv')) return;
        participant.resetMedia();
        participant.notify({ type: 'mediaRestart', reason: 'media server restarted' });
      },
    },
    pool,
    logger,
  );
  const media: LessonRouter = new LessonRouter(handle, pool, logger, {
    isClosed: () => lesson.isClosed,
    lost: () => {
      fanout.close();
      for (const participant of lesson.participants.values()) participant.resetMedia();
    },
    unavailable: () => {
      lesson.broadcast({ type: 'mediaUnavailable', reason: 'no media server is running; the server keeps trying' });
      lesson.emit('mediaunavailable');
    },
    moved: (router) => {
      lesson.emit('routerchanged', router);
      lesson.broadcast({ type: 'mediaRestart', reason: 'media server restarted' });
    },
  });
  return { media, fanout };
}
