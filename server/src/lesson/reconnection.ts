import { ErrorCode, LessonError } from '@shared';
import type { Lesson } from './Lesson.js';
import type { LessonSocket, Participant } from './Participant.js';

/*
 * 断网续传 in the lesson: a place kept while its connection is gone, taken
 * back by a new connection, and the pictures restarted after a lost path.
 * Functions over a Lesson (its participants, notices and tracks), so the
 * lesson itself stays about who is in it and what they publish.
 */

/**
 * The participant's connection dropped without a goodbye (a network loss,
 * not a closed page): its place, media, hand and floor are kept for
 * `graceMs` while the others see it as 正在重新连接…, then `expire` runs
 * (which takes it out). False if it no longer holds its place.
 */
export function keepPlace(lesson: Lesson, participant: Participant, graceMs: number, expire: () => void): boolean {
  if (lesson.participants.get(participant.id) !== participant) return false;
  participant.keepPlace(graceMs, expire);
  if (!participant.hidden) lesson.broadcast({ type: 'participantConnection', participantId: participant.id, reconnecting: true }, participant.id);
  lesson.logger.info({ participantId: participant.id, graceMs }, 'connection dropped; place kept');
  return true;
}

/**
 * A new connection takes back a participant's place: the same participant,
 * media objects and place, now reached on `socket`. A previous connection
 * the server had not yet seen drop is closed. What the page missed comes in
 * the resume reply (a snapshot), except what only this participant is told:
 * the layers its cameras should encode, re-sent here. Its pictures restart at
 * once instead of waiting for the browser to ask.
 */
export function resumePlace(lesson: Lesson, participant: Participant, socket: LessonSocket, heldTransports: string[]): void {
  if (lesson.isClosed) throw new LessonError(ErrorCode.Unavailable, 'the lesson closed meanwhile; join again');
  if (lesson.participants.get(participant.id) !== participant) throw new LessonError(ErrorCode.ResumeExpired, 'this place is no longer kept; join again');
  const wasReconnecting = participant.isReconnecting;
  const previous = participant.socket;
  participant.rebind(socket);
  if (previous !== socket) previous.disconnect(true);
  if (wasReconnecting && !participant.hidden) lesson.broadcast({ type: 'participantConnection', participantId: participant.id, reconnecting: false }, participant.id);
  keepMediaIfHeld(lesson, participant, heldTransports);
  for (const entry of participant.media.producers.values()) {
    if (entry.toldLayer !== null) participant.notify({ type: 'sendLayers', producerId: entry.producer.id, maxSpatialLayer: entry.toldLayer });
  }
  restartPictures(lesson, participant);
  lesson.logger.info({ participantId: participant.id, wasReconnecting }, 'place taken back');
}

/**
 * The place's media is kept only if the page still holds exactly its
 * transports. Otherwise (the page set its media up again, or gave up a
 * set-up half-way, e.g. two media restarts in a row) the SFU's copies are
 * orphans the page cannot use and that would fill its slots: they are
 * closed, their tracks announced closed, and the page starts afresh.
 */
function keepMediaIfHeld(lesson: Lesson, participant: Participant, heldTransports: string[]): void {
  if (participant.media.heldExactlyBy(heldTransports)) return;
  for (const producerId of [...participant.media.producers.keys()]) lesson.unpublish(participant, producerId);
  participant.resetMedia();
}

/**
 * A participant's media path came back after a loss (or its connection
 * did): key frames for every picture it receives, and for every consumer of
 * the pictures it sends, so the pictures on both sides restart at once
 * rather than when each browser notices the gap and asks.
 */
export function restartPictures(lesson: Lesson, participant: Participant): void {
  participant.media.requestKeyFrames();
  const sent = new Set([...participant.media.producers.values()].filter((p) => p.producer.kind === 'video').map((p) => p.producer.id));
  for (const other of lesson.participants.values()) {
    if (other !== participant) other.media.requestKeyFrames((producerId) => sent.has(producerId));
  }
}

/** Participants whose connection dropped and whose place is kept. */
export function reconnectingIn(lesson: Lesson): string[] {
  return lesson.visibleParticipants().filter((participant) => participant.isReconnecting).map((participant) => participant.id);
}
