import type { Consumer } from 'mediasoup/node/lib/Consumer.js';
import type { Router } from 'mediasoup/node/lib/Router.js';
import type { WebRtcServer } from 'mediasoup/node/lib/WebRtcServer.js';
import type { WebRtcTransport } from 'mediasoup/node/lib/WebRtcTransport.js';
import {
  ErrorCode,
  LessonError,
  isHiddenRole,
  isMicrophone,
  type Directing,
  type FloorState,
  type LessonStatus,
  type LessonView,
  type MediaKind,
  type MediaSource,
  type Participant as ParticipantView,
  type PublishedTrack,
  type ServerNotice,
} from '@shared';
import type { RtpParameters } from 'mediasoup/node/lib/RtpParameters.js';
import { Director } from './directing/Director.js';
import { StageKeeper } from './directing/StageKeeper.js';
import type { Logger } from '../log.js';
import { fromClient } from '../media/mediaErrors.js';
import type { RouterHandle, WorkerPool } from '../media/workerPool.js';
import type { LessonEvents, LessonLinkPort, LessonRecord, LessonScene } from './LessonTypes.js';
import type { LessonFanout } from './LessonFanout.js';
import type { LessonRouter } from './LessonRouter.js';
import { wireLessonMedia } from './lessonMediaWiring.js';
import { LatencyChecks } from './LatencyChecks.js';
import { MicrophoneGate } from './MicrophoneGate.js';
import { Participant, type LessonSocket } from './Participant.js';
import { TypedEmitter } from './TypedEmitter.js';
import { ViewerCount } from './ViewerCount.js';

export type { LessonRecord } from './LessonTypes.js';

/** What directing tells the pages (see LessonLinkPort.following). */
const DIRECTED = new Set<ServerNotice['type']>(['mainViewChanged', 'stageChanged', 'speakingChanged']);

/** What a lesson admits; from the configuration. */
export interface LessonLimits {
  /** Participants at once (teacher and classrooms); a replaced link does not count twice. */
  maxParticipants: number;
  /** Hidden observers at once (听课), counted apart: a research group filling the lesson never keeps a classroom out. */
  maxObservers: number;
  /** Viewers at once (观众), counted apart again: a broadcast's audience never keeps an observer or a classroom out. */
  maxViewers: number;
}

/**
 * A live lesson on this server: one mediasoup router, the participants
 * connected to it, and what they share (status, floor, main view, stage).
 * Handlers check permission and call one method here; everything that
 * follows from it (directing, the stage, the microphone gate, later the
 * recorder) subscribes to the lesson's typed events. Closing the lesson
 * closes the router, which closes every transport, producer and consumer.
 *
 * The lesson stays open while somebody is in it or holds it (`retain()`): a
 * join under way, a pre-class check, later a recorder or an observer. When
 * the last one goes, `onIdle` lets the registry close it.
 */
export class Lesson implements LessonScene {
  readonly participants = new Map<string, Participant>();
  status: LessonStatus = 'waiting';
  /** Who may speak; Redis holds the truth (FloorStore), this is the copy the media rules read. */
  floor: FloorState;
  readonly director: Director;
  /** What every classroom screen shows (导播). */
  readonly stage: StageKeeper;
  /** The one rule for every microphone (floor, teacher mute, sender mute, latency check window). */
  readonly microphones: MicrophoneGate;
  /** 观众: how many watch, for the teacher (one notice a second at most). */
  readonly viewerCount: ViewerCount;
  /**
   * Consumers the server itself holds (a recorder's; later a broadcast's), by a name of their holder's: viewers
   * like any participant's, counted when deciding which layers a sender encodes (sendLayers).
   */
  readonly serverViewers = new Map<string, Consumer>();
  /** 延迟检测: the check running now, started through this server or another. */
  readonly latency: LatencyChecks = new LatencyChecks(this);
  private readonly events: TypedEmitter<LessonEvents>;
  private readonly checks = new Set<string>();
  private holds = 0;
  private closed = false;
  /** The router, moved to a live worker when its own dies (see LessonRouter). */
  private readonly media: LessonRouter;
  /** Where its receivers are served: its own router, or routers of other workers once its worker is full. */
  readonly fanout: LessonFanout;
  /** Its parts on other servers sharing its Redis, once the federation has linked it (null on a server without). */
  link: LessonLinkPort | null = null;

  private constructor(
    readonly record: LessonRecord,
    handle: RouterHandle,
    pool: WorkerPool,
    /** This lesson's log (its lines carry the lesson id). */
    readonly logger: Logger,
    private readonly limits: LessonLimits,
    private readonly onIdle: (lesson: Lesson) => void,
    floor: FloorState,
    directing: Directing,
    pinned: string | null,
  ) {
    this.floor = floor;
    this.events = new TypedEmitter((event, error) =>
      logger.error({ event, err: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined }, 'a lesson listener failed'),
    );
    this.microphones = new MicrophoneGate(this);
    this.director = new Director(this, logger, pinned);
    this.stage = new StageKeeper(this, logger, directing, this.director.mainView);
    this.viewerCount = new ViewerCount(this);
    ({ media: this.media, fanout: this.fanout } = wireLessonMedia(this, handle, pool, logger));
  }

  /** Opens a lesson on the least-loaded worker. */
  static async open(options: {
    record: LessonRecord;
    pool: WorkerPool;
    logger: Logger;
    limits: LessonLimits;
    onIdle: (lesson: Lesson) => void;
    floor: FloorState;
    directing: Directing;
    /** Whom the teacher pinned the main view to, as Redis has it. */
    pinned: string | null;
    /** As Redis has it: a lesson reopened after everyone left is still live (or ended). */
    status: LessonStatus;
  }): Promise<Lesson> {
    const handle = await options.pool.createRouter();
    const logger = options.logger.child({ lessonId: options.record.id });
    const lesson = new Lesson(options.record, handle, options.pool, logger, options.limits, options.onIdle, options.floor, options.directing, options.pinned);
    lesson.status = options.status;
    try {
      await lesson.director.attach(handle.router);
    } catch (error) {
      lesson.close();
      throw error;
    }
    return lesson;
  }

  /** The lesson's router; UNAVAILABLE while its worker has died and no other can take it yet. */
  get router(): Router {
    return this.media.router;
  }

  get webRtcServer(): WebRtcServer {
    return this.media.current.webRtcServer;
  }

  get view(): LessonView {
    return { id: this.record.id, title: this.record.title, teacherName: this.record.teacherName, status: this.status };
  }


  get isClosed(): boolean {
    return this.closed;
  }

  /** Nobody is in the lesson and nothing holds it open. */
  get isIdle(): boolean {
    return this.participants.size === 0 && this.holds === 0;
  }

  on<K extends keyof LessonEvents>(event: K, listener: (...args: LessonEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  emit<K extends keyof LessonEvents>(event: K, ...args: LessonEvents[K]): void {
    this.events.emit(event, ...args);
  }

  /** Keeps the lesson open until the returned function is called (idempotent). */
  retain(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.closeIfIdle();
    };
  }

  /** One pre-class check per classroom at a time; LIMIT_REACHED while one runs. The returned function ends it. */
  reserveCheck(classroomId: string): () => void {
    if (this.checks.has(classroomId)) throw new LessonError(ErrorCode.LimitReached, 'a pre-class check of this classroom is already running');
    this.checks.add(classroomId);
    const release = this.retain();
    return () => {
      this.checks.delete(classroomId);
      release();
    };
  }

  /** Every track published in the lesson, as receivers see it. */
  tracks(): PublishedTrack[] {
    return [...this.participants.values()].flatMap((participant) =>
      [...participant.media.producers.keys()].map((producerId) => participant.track(producerId)!),
    );
  }

  everyTrack(): PublishedTrack[] {
    return [...this.tracks(), ...(this.link?.remoteTracks() ?? [])];
  }

  isPresent(participantId: string): boolean {
    return this.participants.has(participantId) || !!this.link?.isRemote(participantId);
  }

  /** Finds a producer of this lesson (never of another lesson) and its owner. */
  findProducer(producerId: string): { owner: Participant; track: PublishedTrack } | null {
    for (const owner of this.participants.values()) {
      const track = owner.track(producerId);
      if (track) return { owner, track };
    }
    return null;
  }

  /** Everyone the others may see: the teacher and the classrooms, never a hidden observer. */
  visibleParticipants(): Participant[] {
    return [...this.participants.values()].filter((participant) => !participant.hidden);
  }

  /** The hidden observers (听课), for the teacher's observer list only: never an inspector (巡课), whom nobody lists. */
  observers(): Participant[] {
    return [...this.participants.values()].filter((participant) => participant.view.role === 'observer');
  }

  /** To this server's pages, and (unless `here`: it came from another server) to the lesson's pages on the others. */
  /** A notice for the teacher alone, on whichever server her page is. */
  tellTeacher(notice: ServerNotice): void {
    const teacher = this.participants.get('teacher');
    if (teacher) teacher.notify(notice);
    else this.link?.tell('teacher', notice);
  }

  broadcast(notice: ServerNotice, exceptId?: string, here = false): void {
    // While the teacher's page is on another server, that server directs: this one's own picks are kept, not shown.
    if (!here && DIRECTED.has(notice.type) && this.link?.following()) return;
    for (const participant of this.participants.values()) if (participant.id !== exceptId) participant.notify(notice);
    if (!here) this.link?.relay(notice);
  }

  /**
   * Admits a teacher or classroom into its place. An older connection of the
   * same link is told it was replaced and dropped; a join that started before
   * the one holding the place now is refused (REPLACED), so of two tabs
   * opened at once the newer one stays.
   */
  admit(view: ParticipantView, socket: LessonSocket, terminalClassroomId: string | null, principalId: string): Participant {
    if (this.closed) throw new LessonError(ErrorCode.Unavailable, 'the lesson closed meanwhile; join again');
    const previous = this.participants.get(view.id);
    if (previous && previous.view.joinedAt > view.joinedAt) {
      throw new LessonError(ErrorCode.Replaced, 'a newer copy of this link has joined; this one stops');
    }
    // Each hidden role has its own places (a research group filling the lesson keeps neither a classroom nor an inspector out).
    const group = (role: ParticipantView['role']): string => (isHiddenRole(role) ? role : 'taking part');
    const counted = [...this.participants.values()].filter((p) => group(p.view.role) === group(view.role)).length;
    const cap = view.role === 'viewer' ? this.limits.maxViewers : isHiddenRole(view.role) ? this.limits.maxObservers : this.limits.maxParticipants;
    if (!previous && counted >= cap) {
      throw new LessonError(ErrorCode.LessonFull, `this lesson admits at most ${cap} ${isHiddenRole(view.role) ? `${view.role}s` : 'participants'}`);
    }
    if (previous) {
      previous.tellNow({ type: 'replaced' });
      this.remove(previous);
      previous.socket.disconnect(true);
    }
    const participant = new Participant(view, socket, terminalClassroomId, principalId);
    this.participants.set(view.id, participant);
    if (!participant.hidden) this.broadcast({ type: 'participantJoined', participant: view }, view.id);
    // A crowd of viewers is one line per viewer only when debugging.
    if (view.role === 'viewer') this.logger.debug({ participantId: view.id }, 'joined the lesson');
    else this.logger.info({ participantId: view.id }, 'joined the lesson');
    this.emit('participantjoined', participant);
    return participant;
  }

  /** Takes a participant out, if it still holds its place (a newer copy may). Idempotent. */
  leave(participant: Participant): boolean {
    if (this.participants.get(participant.id) !== participant) return false;
    this.remove(participant);
    this.closeIfIdle();
    return true;
  }

  /**
   * Publishes a camera, a courseware screen or a microphone. One producer per
   * source: the slot is reserved before the worker is asked. A microphone is
   * created paused if the gate says so, so nobody hears it before the floor.
   */
  async publish(
    participant: Participant,
    transport: WebRtcTransport,
    options: { kind: MediaKind; source: MediaSource; rtpParameters: RtpParameters },
  ): Promise<PublishedTrack> {
    if (this.status === 'ended') throw new LessonError(ErrorCode.LessonEnded, 'the lesson has ended (下课)');
    const producer = await participant.media.addProducer(options.source, () =>
      fromClient(() =>
        transport.produce({
          kind: options.kind,
          rtpParameters: options.rtpParameters,
          paused: isMicrophone(options.source) && !this.microphones.isOpen(participant.id, false),
          appData: { source: options.source, participantId: participant.id },
        }),
      ),
    );
    // Closed already if its participant left or was replaced meanwhile (see ParticipantMedia); `status` may have become 'ended'.
    if (producer.closed || (this.status as LessonStatus) === 'ended') {
      producer.close();
      throw new LessonError(ErrorCode.NotFound, 'you left the lesson (or it ended) while publishing');
    }
    const track = participant.track(producer.id)!;
    this.broadcast({ type: 'trackPublished', track }, participant.id);
    this.emit('trackpublished', track);
    return track;
  }

  /** Closes one of a participant's tracks and tells everyone. */
  unpublish(participant: Participant, producerId: string): void {
    const track = participant.track(producerId);
    if (!track) throw new LessonError(ErrorCode.NotFound, `no producer ${producerId} of yours`);
    participant.media.producer(producerId).producer.close();
    this.broadcast({ type: 'trackClosed', producerId }, participant.id);
    this.emit('trackclosed', track);
  }

  /** The floor changed (already stored): everyone is told, and the microphones follow before this resolves. */
  async setFloor(next: FloorState, here = false): Promise<FloorState> {
    this.floor = next;
    this.emit('floorchanged', next);
    await this.microphones.apply();
    this.broadcast({ type: 'floorChanged', floor: next }, undefined, here);
    return next;
  }

  /** 开始上课 / 下课 (already stored). At 下课 every published track closes. */
  setStatus(status: LessonStatus, here = false): void {
    if (this.status === status) return;
    this.status = status;
    if (status === 'ended') {
      for (const participant of this.participants.values()) {
        for (const producerId of [...participant.media.producers.keys()]) this.unpublish(participant, producerId);
      }
    }
    this.broadcast({ type: 'lessonChanged', lesson: this.view }, undefined, here);
    this.logger.info({ status }, 'lesson status changed');
    this.emit('statuschanged', status);
    if (status === 'ended') this.emit('ended');
  }

  /** Closes the router and forgets participants; idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const participant of this.participants.values()) participant.media.close();
    this.participants.clear();
    this.fanout.close();
    this.link?.close();
    this.media.close();
    this.emit('closed');
    this.events.removeAllListeners();
  }

  private remove(participant: Participant): void {
    participant.endGrace();
    const tracks = [...participant.media.producers.keys()].map((id) => participant.track(id)!);
    for (const track of tracks) this.broadcast({ type: 'trackClosed', producerId: track.producerId }, participant.id);
    participant.media.close();
    this.fanout.forget(participant.id);
    this.participants.delete(participant.id);
    if (!participant.hidden) this.broadcast({ type: 'participantLeft', participantId: participant.id });
    this.logger.info({ participantId: participant.id }, 'left the lesson');
    for (const track of tracks) this.emit('trackclosed', track);
    this.emit('participantleft', participant);
  }

  private closeIfIdle(): void {
    if (this.isIdle && !this.closed) this.onIdle(this);
  }
}
