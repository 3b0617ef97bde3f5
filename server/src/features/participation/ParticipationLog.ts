import type { AudioSource, MainView, RaisedHand } from '@shared';
import { appendLessonEvents } from '../../db/lessonEvents.js';
import type { Db } from '../../db/database.js';
import type { LessonRegistry } from '../../lesson/LessonRegistry.js';
import type { LessonScene } from '../../lesson/LessonTypes.js';
import type { Logger } from '../../log.js';
import { EventBatch, type WriteRows } from './EventBatch.js';
import { eventRow, HOST_CLASS_SPEAKER, type ParticipationEvent } from './participationEvents.js';

/** What the log reads of its lesson: its events, its floor and main view when it opens. */
export type LoggedLesson = Pick<LessonScene, 'record' | 'floor' | 'on'> & { readonly director: { readonly mainView: MainView } };

export type { WriteRows } from './EventBatch.js';

/**
 * 课堂参与: the log of one lesson open on this server. It follows the
 * lesson's events by itself — hands (the queue, diffed), the floor and
 * discussion, who is heard, the main view, who joins and leaves (never a
 * hidden observer), the lesson opening and closing — and writes them with
 * their server time to `lesson_event` in small batches. Nothing in the
 * lesson waits for it: a write that fails is logged and tried again with the
 * next batch, never thrown into the lesson.
 */
export class ParticipationLog {
  private readonly batch: EventBatch;
  /** The queue as last told: participant → its hand's `raisedAt`. */
  private readonly hands = new Map<string, number>();

  constructor(
    private readonly lesson: LoggedLesson,
    write: WriteRows,
    logger: Logger,
  ) {
    this.batch = new EventBatch(write, logger);
    const { floor } = lesson;
    this.note('opened', null, { floor: { holders: floor.holders, mode: floor.mode }, mainView: lesson.director.mainView.participantId });
    lesson.on('participantjoined', (participant) => {
      if (!participant.hidden) this.note('joined', participant.id, null);
    });
    lesson.on('participantleft', (participant) => {
      if (!participant.hidden) this.note('left', participant.id, null);
    });
    lesson.on('handschanged', (queue) => this.handsChanged(queue));
    lesson.on('floorchanged', (next) => this.note('floor', null, { holders: next.holders, mode: next.mode }));
    lesson.on('speakingchanged', (_speaking, microphones) => this.note('speaking', null, { speaking: speakersOf(microphones) }));
    lesson.on('mainviewchanged', (view) => this.note('mainview', view.participantId, { reason: view.reason }));
    // 下课 and closing are written at once: a report read right after the lesson has all of it.
    lesson.on('ended', () => this.batch.flush());
    lesson.on('closed', () => {
      this.note('closed', null, null);
      this.batch.flush();
    });
  }

  /** Resolves when everything noted so far has been written (or has failed and been logged). */
  settled(): Promise<void> {
    return this.batch.settled();
  }

  private handsChanged(queue: RaisedHand[]): void {
    const now = new Map(queue.map((hand) => [hand.participantId, hand] as const));
    for (const [participantId, raisedAt] of this.hands) {
      if (now.get(participantId)?.raisedAt !== raisedAt) {
        this.hands.delete(participantId);
        this.note('handgone', participantId, { raisedAt });
      }
    }
    for (const hand of queue) {
      if (this.hands.has(hand.participantId)) continue;
      this.hands.set(hand.participantId, hand.raisedAt);
      this.note('handraised', hand.participantId, { raisedAt: hand.raisedAt, studentName: hand.studentName });
    }
  }

  private note<K extends ParticipationEvent['kind']>(kind: K, participantId: string | null, detail: Extract<ParticipationEvent, { kind: K }>['detail']): void {
    this.batch.add(eventRow(this.lesson.record.id, { kind, at: Date.now(), participantId, detail } as ParticipationEvent));
  }
}

/**
 * Attaches a ParticipationLog to every lesson the registry opens. `close()`
 * waits for the logs' last writes, so a stopping server closes its database
 * after them.
 */
export class ParticipationLogs {
  private readonly open = new Set<ParticipationLog>();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  follow(lessons: LessonRegistry): void {
    lessons.onOpened((lesson) => {
      const log = new ParticipationLog(lesson, (rows) => appendLessonEvents(this.db, rows), lesson.logger);
      this.open.add(log);
      lesson.on('closed', () => void log.settled().finally(() => this.open.delete(log)));
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.open].map((log) => log.settled())).catch((error: Error) => this.logger.error({ err: error.message }, 'participation logs did not settle'));
  }
}

/** Who is heard, once each, loudest first; the host classroom's students apart from their teacher. */
function speakersOf(microphones: ReadonlyArray<{ participantId: string; microphone: AudioSource }>): string[] {
  return [...new Set(microphones.map(({ participantId, microphone }) => (participantId === 'teacher' && microphone === 'studentsMic' ? HOST_CLASS_SPEAKER : participantId)))];
}
