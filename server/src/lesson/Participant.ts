import type { Socket } from 'socket.io';
import type { ClientToServerEvents, Participant as ParticipantView, PublishedTrack, ServerNotice, ServerToClientEvents } from '@shared';
import { ParticipantMedia } from './ParticipantMedia.js';

export type LessonSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** A teacher or classroom connected to a lesson: its public view, its connection and its media. */
export class Participant {
  media = new ParticipantMedia();

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
    this.socket.emit('notice', notice);
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
