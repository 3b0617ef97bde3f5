import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'socket.io';
import { isHiddenRole, type ClientToServerEvents, type Participant as ParticipantView, type PublishedTrack, type ServerNotice, type ServerToClientEvents } from '@shared';
import { ParticipantMedia } from './ParticipantMedia.js';

export type LessonSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * A teacher or classroom in a lesson: its public view, its connection and its
 * media. The connection may drop and another take its place (resumeLesson):
 * the participant, its media and its place stay; only `socket` changes.
 */
export class Participant {
  media = new ParticipantMedia();
  /** Proves a later connection's claim to this place (断网续传); sent only in this participant's join reply. */
  readonly resumeToken = randomBytes(24).toString('base64url');
  /** Set while the connection is gone and the place is kept: ends the place when it fires. */
  private grace: NodeJS.Timeout | null = null;
  /**
   * Notices wait here until the join reply has gone out. The reply is a
   * snapshot taken at admission; a notice of what happened just after it (a
   * teacher admitted a millisecond later) must not overtake it, or the page
   * applies the notice and then overwrites it with the older snapshot.
   */
  private held: ServerNotice[] | null = [];

  constructor(
    readonly view: ParticipantView,
    private current: LessonSocket,
    /** The classroom whose terminal this is (the host classroom for the teacher; none for an observer): its device mapping is kept per classroom. */
    readonly terminalClassroomId: string | null,
    /** Who joined (an account, terminal or guest): only the same principal may take the place back after a drop. */
    readonly principalId: string,
  ) {}

  get id(): string {
    return this.view.id;
  }

  get isTeacher(): boolean {
    return this.view.role === 'teacher';
  }

  /**
   * An observer (听课) or an inspector (巡课): in the lesson for its media and
   * notices, but nobody else's list, count, tile or notice shows it; only the
   * teacher's observer list shows observers, when she opens it.
   */
  get hidden(): boolean {
    return isHiddenRole(this.view.role);
  }

  /** The connection this participant is reached on now. */
  get socket(): LessonSocket {
    return this.current;
  }

  /** Its connection dropped and its place is kept (正在重新连接…). */
  get isReconnecting(): boolean {
    return this.grace !== null;
  }

  /** Whether `token` is this place's resume token (compared in constant time). */
  holdsToken(token: string): boolean {
    const mine = Buffer.from(this.resumeToken);
    const theirs = Buffer.from(token);
    return mine.length === theirs.length && timingSafeEqual(mine, theirs);
  }

  /** The connection dropped: the place is kept until `expire` runs after `graceMs`, unless a connection resumes it. */
  keepPlace(graceMs: number, expire: () => void): void {
    this.endGrace();
    this.grace = setTimeout(() => {
      this.grace = null;
      expire();
    }, graceMs);
    this.grace.unref();
  }

  /** A new connection took the place: notices wait for its resume reply, as for a join (see `held`). */
  rebind(socket: LessonSocket): void {
    this.endGrace();
    this.current = socket;
    this.held = [];
  }

  /** The kept place is taken back or given up. Idempotent. */
  endGrace(): void {
    if (this.grace) clearTimeout(this.grace);
    this.grace = null;
  }

  notify(notice: ServerNotice): void {
    if (this.held) this.held.push(notice);
    else this.current.emit('notice', notice);
  }

  /**
   * Tells this page something now, past any notices held for its join reply: for `replaced`, when another page
   * takes the place while this one's join reply is still on its way. Its connection closes next, so held notices
   * would never go out and the page would not know why it stopped (a CI run of races.integration caught it).
   */
  tellNow(notice: ServerNotice): void {
    this.held = null;
    this.current.emit('notice', notice);
  }

  /** The join reply has been sent: held notices follow it, in order, and later ones go straight out. Idempotent. */
  releaseNotices(): void {
    const held = this.held;
    this.held = null;
    for (const notice of held ?? []) this.current.emit('notice', notice);
  }

  /** One of this participant's producers as receivers see it, or null. */
  track(producerId: string): PublishedTrack | null {
    const entry = this.media.producers.get(producerId);
    if (!entry) return null;
    return { producerId, participantId: this.id, kind: entry.producer.kind, source: entry.source, paused: entry.producer.paused };
  }

  /** Drops every media object (e.g. when the lesson moves to a new router); the connection stays. */
  resetMedia(): void {
    this.media.close();
    this.media = new ParticipantMedia();
  }
}
