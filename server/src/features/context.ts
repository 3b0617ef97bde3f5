import type { LiveOutputs } from './broadcast/output/LiveOutputs.js';
import type { RequestOf, RequestType, ResponseMap } from '@shared';
import { ErrorCode, LessonError } from '@shared';
import type { Accounts } from '../auth/accounts.js';
import type { Principal } from '../auth/principal.js';
import type { Config } from '../config.js';
import type { Health } from '../http/health.js';
import type { Db } from '../db/database.js';
import type { ChatLog } from '../redis/chatLog.js';
import type { QuestionBox } from '../redis/questionBox.js';
import type { DirectingStore } from '../redis/directingStore.js';
import type { FloorStore } from '../redis/floorStore.js';
import type { HandQueue } from '../redis/handQueue.js';
import type { PrecheckSession } from './precheck/PrecheckSession.js';
import type { QualityBoard } from './quality/qualityBoard.js';
import type { QualityFacts } from './quality/qualityFacts.js';
import type { RecordingService } from './recording/RecordingService.js';
import type { SchoolClock } from '../timetable/SchoolClock.js';
import type { TimetableScheduler } from '../timetable/TimetableScheduler.js';
import type { ClipMaker } from './library/ClipMaker.js';
import type { Webhooks } from './webhooks/Webhooks.js';
import type { Resolve } from './webhooks/targetGuard.js';
import type { Lesson } from '../lesson/Lesson.js';
import type { LessonRegistry } from '../lesson/LessonRegistry.js';
import type { LessonSocket, Participant } from '../lesson/Participant.js';
import type { Logger } from '../log.js';
import type { ServerMetrics } from '../metrics/ServerMetrics.js';
import type { LiveState } from '../redis/liveState.js';
import type { OwnTurnServer } from '../edge/turnServer.js';

/** What handlers may call: the server's long-lived services. */
export interface Services {
  config: Config;
  db: Db;
  live: LiveState;
  hands: HandQueue;
  floors: FloorStore;
  directings: DirectingStore;
  chat: ChatLog;
  /** 观众提问: the viewers' questions and the teacher's switch. */
  questions: QuestionBox;
  lessons: LessonRegistry;
  logger: Logger;
  quality: QualityBoard;
  /** 质量 facts for the dashboard (check verdicts, latency checks, freezes), written as lesson events. */
  qualityFacts: QualityFacts;
  accounts: Accounts;
  /** The server's health in detail (workers, media objects, memory), for `/api/health`. */
  health(): Promise<Health>;
  /** The own TURN relay (null with TURN=off): hands out each participant's ICE servers. */
  turn: OwnTurnServer | null;
  /** 录制: the lessons' recorders, their SQL rows and the disk guard. */
  recordings: RecordingService;
  /** 直播输出: live broadcasts' HLS and RTMP push. */
  liveOutputs: LiveOutputs;
  /** 微课: cuts micro-lessons from directed views, one at a time. */
  clips: ClipMaker;
  /** 推送: queues the events for the hooks; the sender posts them. */
  webhooks: Webhooks;
  /** How webhook host names are looked up (the SSRF guard's resolver; WEBHOOK_RESOLVE's fixed answers first). */
  resolveWebhookHost: Resolve;
  /** 课表: makes the timetable's lessons and starts and ends them at their times. */
  timetable: TimetableScheduler;
  /** The timetable's "now" (settable only with TEST_CLOCK=on): the scheduler and the terminals' lessons follow it. */
  clock: SchoolClock;
  /** What `/metrics` shows Prometheus; most of it read from the live state at each scrape. */
  metrics: ServerMetrics;
}

/** One signalling connection and, once joined, its place in a lesson. */
export class Session {
  lesson: Lesson | null = null;
  participant: Participant | null = null;
  /** The pre-class check running on this connection, if any. */
  precheck: PrecheckSession | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  /** Who opened this connection: checked at the handshake (a connection without a valid session never gets here). */
  constructor(
    readonly socket: LessonSocket,
    readonly principal: Principal,
  ) {}

  /** The connection has closed (Socket.IO clears `connected` before it says so): a join finishing now must undo itself. */
  get isGone(): boolean {
    return !this.socket.connected;
  }

  /**
   * Runs joins and leaves of this connection one after another: a page that
   * sends two joins at once, or leaves while joining, ends in one clear state.
   */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The lesson and participant, or NOT_JOINED for a request that came before joinLesson. */
  joined(): { lesson: Lesson; participant: Participant } {
    if (!this.lesson || !this.participant || this.lesson.isClosed) {
      throw new LessonError(ErrorCode.NotJoined, 'join the lesson first');
    }
    return { lesson: this.lesson, participant: this.participant };
  }

  /** The teacher of a joined lesson, or FORBIDDEN. */
  teacher(): { lesson: Lesson; participant: Participant } {
    const joined = this.joined();
    if (!joined.participant.isTeacher) throw new LessonError(ErrorCode.Forbidden, 'only the teacher may do this');
    return joined;
  }
}

/** A request handler: permission check first, then one call into the lesson. */
export type Handler<T extends RequestType> = (
  request: RequestOf<T>,
  session: Session,
  services: Services,
) => Promise<ResponseMap[T]>;

/** Every request type has exactly one handler; a missing one is a compile error. */
export type HandlerTable = { [T in RequestType]: Handler<T> };
