import type { Consumer } from 'mediasoup/node/lib/Consumer.js';
import type { Router } from 'mediasoup/node/lib/Router.js';
import type { Redis } from 'ioredis';
import { isHiddenRole, isMicrophone, type FloorState, type LatencyProbe, type LessonStatus, type MainView, type Participant, type PublishedTrack, type ServerNotice, type Stage } from '@shared';
import type { LessonEvents, LessonLinkPort } from '../lesson/LessonTypes.js';
import type { Logger } from '../log.js';
import { PipesIn, PipesOut, type PipeAddress, type PipedLesson } from './lessonPipes.js';
import { RemoteParts } from './RemoteParts.js';
import type { ServerRpc } from './serverRpc.js';

/**
 * Notices about what every page of the lesson shares, wherever its page is:
 * who is in it, their tracks, the hands, the floor, chat, questions, status,
 * and the directing of the teacher's server. Never a server's own affairs
 * (its media restarting, its Redis link, its viewer count).
 */
const RELAYED = new Set<ServerNotice['type']>([
  'participantJoined', 'participantLeft', 'participantConnection',
  'trackPublished', 'trackPaused', 'trackClosed',
  'lessonChanged', 'handsChanged', 'floorChanged',
  'chatMessage', 'chatSettings',
  'questionRemoved', 'questionShown', 'questionsSettings',
  'recordingChanged',
  'mainViewChanged', 'stageChanged', 'speakingChanged',
  'latencyProbe',
]);

/** What the teacher's server directs; the other servers' pages show it (see LessonLinkPort.following). */
interface Directed {
  mainView: MainView | null;
  stage: Stage | null;
  speaking: string[] | null;
}

export const busChannel = (lessonId: string): string => `lessonbus:${lessonId}`;
const tracksKey = (lessonId: string): string => `lesson:${lessonId}:tracks`;

/** What the link needs of its lesson. */
export interface LinkedLesson {
  readonly record: { id: string };
  readonly participants: ReadonlyMap<string, { notify(notice: ServerNotice): void }>;
  readonly router: Router;
  readonly serverViewers: Map<string, Consumer>;
  readonly logger: Logger;
  broadcast(notice: ServerNotice, exceptId?: string, here?: boolean): void;
  setFloor(floor: FloorState, here?: boolean): Promise<FloorState>;
  setStatus(status: LessonStatus, here?: boolean): void;
  readonly latency: { join(probe: LatencyProbe): Promise<void> };
  findProducer(producerId: string): unknown;
  readonly director: { readonly mainView: MainView; speakingNow(): string[] };
  readonly stage: { readonly stage: Stage };
  emit<K extends keyof LessonEvents>(event: K, ...args: LessonEvents[K]): void;
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
  /** The teacher's server's directing as last told, while her page is there. */
  private directed: Directed = { mainView: null, stage: null, speaking: null };
  private readonly heardMicrophones = new Set<string>();

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
    if (this.teacherServer()) await this.followTeacher();
  }

  /** This server's own directing (another server whose pages follow it asks). */
  ownDirecting(): Directed {
    return { mainView: this.lesson.director.mainView, stage: this.lesson.stage.stage, speaking: this.lesson.director.speakingNow() };
  }

  following(): Directed | null {
    return this.teacherServer() ? this.directed : null;
  }

  /** The server the teacher's page is on, when it is not this one. */
  private teacherServer(): string | null {
    if (this.lesson.participants.has('teacher')) return null;
    return this.remote.participants.get('teacher')?.serverId ?? null;
  }

  /** The teacher's page is on another server: its directing now, and this server's pages shown it. */
  private async followTeacher(): Promise<void> {
    const server = this.teacherServer();
    if (!server) return;
    try {
      this.directed = await this.server.rpc.call<Directed>(server, 'lesson.directed', { lessonId: this.lesson.record.id });
    } catch (error) {
      this.lesson.logger.warn({ server, err: (error as Error).message }, "could not read the teacher's server's directing; its next change will tell");
      return;
    }
    this.showDirected(this.directed);
  }

  /** The teacher's page is no longer on another server: this server directs its pages again. */
  private directAgain(): void {
    this.directed = { mainView: null, stage: null, speaking: null };
    this.showDirected(this.ownDirecting());
  }

  private showDirected({ mainView, stage, speaking }: Directed): void {
    if (mainView) this.lesson.broadcast({ type: 'mainViewChanged', mainView }, undefined, true);
    if (stage) this.lesson.broadcast({ type: 'stageChanged', stage }, undefined, true);
    if (speaking) this.lesson.broadcast({ type: 'speakingChanged', speaking }, undefined, true);
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

  tell(participantId: string, notice: ServerNotice): void {
    const { redis, serverId } = this.server;
    if (this.closed || !this.remote.participants.has(participantId)) return;
    void redis.publish(busChannel(this.lesson.record.id), JSON.stringify({ from: serverId, to: participantId, notice })).catch((error: Error) =>
      this.lesson.logger.warn({ notice: notice.type, err: error.message }, 'could not tell a participant on another server'),
    );
  }

  /** A notice another server sent one participant: delivered if that participant's page is here. */
  receiveFor(participantId: string, notice: ServerNotice): void {
    if (!this.closed) this.lesson.participants.get(participantId)?.notify(notice);
  }

  /** A notice another server's lesson sent its pages: this server's state follows, and its pages are told. */
  receive(from: string, notice: ServerNotice): void {
    if (this.closed || !RELAYED.has(notice.type)) return;
    switch (notice.type) {
      case 'participantJoined':
        if (this.lesson.participants.has(notice.participant.id)) return;
        this.remote.participants.set(notice.participant.id, { view: notice.participant, serverId: from });
        this.lesson.broadcast(notice, undefined, true);
        this.lesson.emit('remotechanged');
        if (notice.participant.id === 'teacher') void this.followTeacher();
        return;
      case 'participantLeft': {
        if (this.remote.participants.get(notice.participantId)?.serverId !== from) return;
        for (const producerId of this.remote.dropParticipant(notice.participantId)) this.pipesIn.drop(producerId);
        this.lesson.broadcast(notice, undefined, true);
        this.afterLeaving([notice.participantId]);
        return;
      }
      case 'mainViewChanged':
      case 'stageChanged':
      case 'speakingChanged':
        // Only the teacher's server directs the pages of the others.
        if (from !== this.teacherServer()) return;
        if (notice.type === 'mainViewChanged') this.directed.mainView = notice.mainView;
        else if (notice.type === 'stageChanged') this.directed.stage = notice.stage;
        else this.directed.speaking = notice.speaking;
        break;
      case 'trackPublished':
        this.remote.tracks.set(notice.track.producerId, { track: notice.track, serverId: from });
        this.lesson.broadcast(notice, undefined, true);
        this.lesson.emit('remotechanged');
        return;
      case 'trackPaused': {
        const entry = this.remote.tracks.get(notice.producerId);
        if (entry) entry.track = { ...entry.track, paused: notice.paused };
        break;
      }
      case 'trackClosed':
        this.remote.tracks.delete(notice.producerId);
        this.pipesIn.drop(notice.producerId);
        this.lesson.broadcast(notice, undefined, true);
        this.lesson.emit('remotechanged');
        return;
      case 'floorChanged':
        // Stored already by the server that changed it: this one's microphones follow, and its pages are told.
        void this.lesson.setFloor(notice.floor, true).catch((error: Error) => this.lesson.logger.warn({ err: error.message }, 'could not apply the floor another server set'));
        return;
      case 'lessonChanged':
        this.lesson.setStatus(notice.lesson.status, true);
        return;
      case 'latencyProbe':
        void this.lesson.latency.join(notice.probe).catch((error: Error) => this.lesson.logger.warn({ err: error.message }, "could not join another server's latency check"));
        return;
      default:
        break;
    }
    this.lesson.broadcast(notice, undefined, true);
  }

  isRemote(participantId: string): boolean {
    return this.remote.participants.has(participantId);
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
    // Automatic directing hears it like this server's own microphones.
    if (isMicrophone(entry.track.source) && !this.heardMicrophones.has(producerId)) {
      this.heardMicrophones.add(producerId);
      this.lesson.emit('pipedmicrophone', producerId);
    }
  }

  /** Participants of other servers left: the directing lets them go, and a teacher gone elsewhere gives it back here. */
  private afterLeaving(participantIds: string[]): void {
    for (const id of participantIds) this.lesson.emit('remoteleft', id);
    this.lesson.emit('remotechanged');
    if (participantIds.includes('teacher') && !this.lesson.participants.has('teacher')) this.directAgain();
  }

  /** A server left (the roster noticed): its pages' participants and tracks leave this server's pages too. */
  serverLeft(serverId: string): void {
    const gone = this.remote.dropServer(serverId);
    this.pipesIn.dropServer(serverId);
    this.pipesOut.closeFrom(serverId);
    for (const producerId of gone.tracks) this.lesson.broadcast({ type: 'trackClosed', producerId }, undefined, true);
    // One that has come back through this server meanwhile stays listed.
    const left = gone.participants.filter((id) => !this.lesson.participants.has(id));
    for (const participantId of left) this.lesson.broadcast({ type: 'participantLeft', participantId }, undefined, true);
    if (gone.participants.length > 0 || gone.tracks.length > 0) this.afterLeaving(left);
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
    this.lesson.emit('remotechanged');
    if (participantId === 'teacher') this.directAgain();
  }

  /**
   * This server's media worker for the lesson died: its pages' producers went
   * with it, silently (its own pages set up again on mediaRestart). The other
   * servers' pages are told those tracks closed; the pages publish anew.
   */
  async forgetOwnTracks(): Promise<void> {
    const key = tracksKey(this.lesson.record.id);
    for (const [producerId, entry] of Object.entries(await this.server.redis.hgetall(key))) {
      // A page quick to publish again after its mediaRestart has a new producer listed already: that one stays.
      if ((JSON.parse(entry) as { serverId?: string }).serverId !== this.server.serverId || this.lesson.findProducer(producerId)) continue;
      await this.server.redis.hdel(key, producerId);
      await this.server.redis.publish(busChannel(this.lesson.record.id), JSON.stringify({ from: this.server.serverId, notice: { type: 'trackClosed', producerId } }));
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
