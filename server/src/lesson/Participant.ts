import type { Socket } from 'socket.io';
import type { ClientToServerEvents, Participant as ParticipantView, PublishedTrack, ServerNotice, ServerToClientEvents } from '@shared';
import { ParticipantMedia } from './ParticipantMedia.js';

export type LessonSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** A teacher or classroom connected to a lesson: its public view, its connection and its media. */
export class Participant {
  media = new ParticipantMedia();
  /**
   * Notices wait here until the join reply has gone out. The reply is a
   * snapshot taken at admission; a notice of what happened just after it (a
   * teacher admitted a millisecond later) must not overtake it, or the page
   * applies the notice and then overwrites it with the older snapshot.
   */
  private held: ServerNotice[] | null = [];

  constructor(
    readonly view: ParticipantView,
    readonly socket: LessonSocket,
    /** The classroom whose terminal this is (the host classroom for the teacher): its device mapping is kept per classroom. */
    readonly terminalClassroomId: string,
  ) {}

  get id(): string {
    return this.view.id;
  }

  get isTeacher(): boolean {
    return this.view.role === 'teacher';
  }

  notify(notice: ServerNotice): void {
    if (this.held) this.held.push(notice);
    else this.socket.emit('notice', notice);
  }

  /** The join reply has been sent: held notices follow it, in order, and later ones go straight out. Idempotent. */
  releaseNotices(): void {
    const held = this.held;
    this.held = null;
    for (const notice of held ?? []) this.socket.emit('notice', notice);
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
