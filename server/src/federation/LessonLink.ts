import type { Consumer } from 'mediasoup/node/lib/Consumer.js';
import type { Router } from 'mediasoup/node/lib/Router.js';
import type { Redis } from 'ioredis';
import { isHiddenRole, type FloorState, type LessonStatus, type Participant, type PublishedTrack, type ServerNotice } from '@shared';
import type { LessonLinkPort } from '../lesson/LessonTypes.js';
import type { Logger } from '../log.js';
import { PipesIn, PipesOut, type PipeAddress, type PipedLesson } from './lessonPipes.js';
import { RemoteParts } from './RemoteParts.js';
import type { ServerRpc } from './serverRpc.js';

/**
 * Notices about what every page of the lesson shares, wherever its page is:
 * who is in it, their tracks, the hands, the floor, chat, questions, status.
 * Never a server's own affairs (its media restarting, its Redis link, its
 * viewer count), and not yet the directing (each server directs its own
 * pages: see the README's known limits).
 */
const RELAYED = new Set<ServerNotice['type']>([
  'participantJoined', 'participantLeft', 'participantConnection',
  'trackPublished', 'trackPaused', 'trackClosed',
  'lessonChanged', 'handsChanged', 'floorChanged',
  'chatMessage', 'chatSettings',
  'questionAsked', 'questionRemoved', 'questionShown', 'questionsSettings',
  'commentAdded', 'recordingChanged',
]);

export const busChannel = (lessonId: string): string => `lessonbus:${lessonId}`;
const tracksKey = (lessonId: string): string => `lesson:${lessonId}:tracks`;

/** What the link needs of its lesson. */
export interface LinkedLesson {
  readonly record: { id: string };
  readonly participants: ReadonlyMap<string, unknown>;
  readonly router: Router;
  readonly serverViewers: Map<string, Consumer>;
  readonly logger: Logger;
  broadcast(notice: ServerNotice, exceptId?: string, here?: boolean): void;
  setFloor(floor: FloorState, here?: boolean): Promise<FloorState>;
  setStatus(status: LessonStatus, here?: boolean): void;
  findProducer(producerId: string): unknown;
}

/** What the link needs of its server. */
export interface LinkServer {
  readonly serverId: string;
  readonly redis: Redis;
  readonly rpc: ServerRpc;
  readonly pipeAddress: PipeAddress;
  /** The servers alive now (the roster's last beat). */
  alive(): Set<string>;
}

/**
 * One lesson on this server, linked to the same lesson on the other servers
 * sharing its Redis (issue 18). Each server runs the lesson for its own
 * pages; what they share is in Redis (hands, floor, chat, status — the
 * stores are the truth) and its notices cross on the lesson's bus
 * (`lessonbus:<id>`, Redis pub/sub). A page here consuming another server's
 * track has it piped in (PipeTransports between the servers, one per pair of
 * servers per lesson, each producer once). Tracks are listed in Redis too
 * (`lesson:<id>:tracks`), so a server that opens the lesson later sees them.
 */
export class LessonLink implements LessonLinkPort {
  readonly remote = new RemoteParts();
  readonly pipesIn: PipesIn;
  readonly pipesOut: PipesOut;
  private closed = false;

  constructor(
    private readonly lesson: LinkedLesson,
    private readonly server: LinkServer,
    layersChanged: (producerId: string) => void,
  ) {
    const piped: PipedLesson = {
      record: lesson.record,
      // Read at each use: the lesson's router moves to a live worker when its own dies.
      get router() {
        return lesson.router;
      },
      serverViewers: lesson.serverViewers,
      logger: lesson.logger,
      ownsProducer: (id) => lesson.findProducer(id) !== null,
      layersChanged,
    };
    this.pipesIn = new PipesIn(piped, server.rpc, server.pipeAddress);
    this.pipesOut = new PipesOut(piped, server.rpc, server.pipeAddress);
  }

  /** What the other servers' pages have in the lesson now, from Redis (before the first page here is answered). */
  async load(participants: Array<Participant & { serverId?: string }>): Promise<void> {
    const alive = this.server.alive();
    const theirs = (serverId: string | undefined): serverId is string => !!serverId && serverId !== this.server.serverId && alive.has(serverId);
    for (const { serverId, ...view } of participants) if (theirs(serverId) && !isHiddenRole(view.role)) this.remote.participants.set(view.id, { view, serverId });
    const tracks = await this.server.redis.hvals(tracksKey(this.lesson.record.id));
    for (const entry of tracks) {
      const { serverId, ...track } = JSON.parse(entry) as PublishedTrack & { serverId: string };
      if (theirs(serverId) && this.remote.participants.has(track.participantId)) this.remote.tracks.set(track.producerId, { track, serverId });
    }
  }

  relay(notice: ServerNotice): void {
    if (this.closed || !RELAYED.has(notice.type)) return;
    const { redis, serverId } = this.server;
    const id = this.lesson.record.id;
    const failed = (error: Error) => this.lesson.logger.warn({ notice: notice.type, err: error.message }, 'could not tell the other servers');
    // The list of tracks first, so a server opening the lesson on this notice finds the track it names.
    const listed =
      notice.type === 'trackPublished' ? redis.hset(tracksKey(id), notice.track.producerId, JSON.stringify({ ...notice.track, serverId }))
      : notice.type === 'trackPaused' ? this.relist(notice.producerId, notice.paused)
      : notice.type === 'trackClosed' ? redis.hdel(tracksKey(id), notice.producerId)
      : Promise.resolve();
    void listed.then(() => redis.publish(busChannel(id), JSON.stringify({ from: serverId, notice }))).catch(failed);
  }

  /** A notice another server's lesson sent its pages: this server's state follows, and its pages are told. */
  receive(from: string, notice: ServerNotice): void {
    if (this.closed || !RELAYED.has(notice.type)) return;
    switch (notice.type) {
      case 'participantJoined':
        if (this.lesson.participants.has(notice.participant.id)) return;
        this.remote.participants.set(notice.participant.id, { view: notice.participant, serverId: from });
        break;
      case 'participantLeft': {
        if (this.remote.participants.get(notice.participantId)?.serverId !== from) return;
        for (const producerId of this.remote.dropParticipant(notice.participantId)) this.pipesIn.drop(producerId);
        break;
      }
      case 'trackPublished':
        this.remote.tracks.set(notice.track.producerId, { track: notice.track, serverId: from });
        break;
      case 'trackPaused': {
        const entry = this.remote.tracks.get(notice.producerId);
        if (entry) entry.track = { ...entry.track, paused: notice.paused };
        break;
      }
      case 'trackClosed':
        this.remote.tracks.delete(notice.producerId);
        this.pipesIn.drop(notice.producerId);
        break;
      case 'floorChanged':
        // Stored already by the server that changed it: this one's microphones follow, and its pages are told.
        void this.lesson.setFloor(notice.floor, true).catch((error: Error) => this.lesson.logger.warn({ err: error.message }, 'could not apply the floor another server set'));
        return;
      case 'lessonChanged':
        this.lesson.setStatus(notice.lesson.status, true);
        return;
      default:
        break;
    }
    this.lesson.broadcast(notice, undefined, true);
  }

  remoteParticipants(): Participant[] {
    return [...this.remote.participants.values()].map((entry) => entry.view);
  }

  remoteTracks(): PublishedTrack[] {
    return [...this.remote.tracks.values()].map((entry) => entry.track);
  }

  remoteTrack(producerId: string): PublishedTrack | null {
    return this.remote.tracks.get(producerId)?.track ?? null;
  }

  async bring(producerId: string): Promise<void> {
    const entry = this.remote.tracks.get(producerId);
    if (!entry) return;
    await this.pipesIn.bring(producerId, entry.serverId, { source: entry.track.source, participantId: entry.track.participantId });
  }

  /** A server left (the roster noticed): its pages' participants and tracks leave this server's pages too. */
  serverLeft(serverId: string): void {
    const gone = this.remote.dropServer(serverId);
    this.pipesIn.dropServer(serverId);
    this.pipesOut.closeFrom(serverId);
    for (const producerId of gone.tracks) this.lesson.broadcast({ type: 'trackClosed', producerId }, undefined, true);
    // One that has come back through this server meanwhile stays listed.
    for (const participantId of gone.participants) if (!this.lesson.participants.has(participantId)) this.lesson.broadcast({ type: 'participantLeft', participantId }, undefined, true);
  }

  /**
   * A participant joined here whose page was on another server (that server
   * stopped, and the page came back through this one): what it published
   * there is gone, and it is this server's now.
   */
  arrivedHere(participantId: string): void {
    if (!this.remote.participants.has(participantId)) return;
    for (const producerId of this.remote.dropParticipant(participantId)) {
      this.pipesIn.drop(producerId);
      this.lesson.broadcast({ type: 'trackClosed', producerId }, undefined, true);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pipesIn.close();
    this.pipesOut.close();
  }

  private async relist(producerId: string, paused: boolean): Promise<void> {
    const key = tracksKey(this.lesson.record.id);
    const entry = await this.server.redis.hget(key, producerId);
    if (entry) await this.server.redis.hset(key, producerId, JSON.stringify({ ...(JSON.parse(entry) as object), paused }));
  }
}
