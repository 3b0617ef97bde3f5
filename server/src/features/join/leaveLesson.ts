import type { Lesson } from '../../lesson/Lesson.js';
import { keepPlace as keepPlaceInLesson } from '../../lesson/reconnection.js';
import type { Participant } from '../../lesson/Participant.js';
import type { Handler, Services, Session } from '../context.js';

const REDIS_RETRY_MS = 2000;
/** A leave that Redis could not record is retried for this long, then left to the next start-up's clean-up. */
const REDIS_RETRY_FOR_MS = 10 * 60_000;

/** Leaves on request; the same as a closed connection. */
export const leaveLesson: Handler<'leaveLesson'> = (_request, session, services) => session.serial(() => leave(session, services));

/**
 * Takes the connection's participant out of its lesson (the lesson closes
 * its media, tells everyone, and closes itself when idle) and out of Redis.
 * Idempotent; call it inside `session.serial`.
 */
export async function leave(session: Session, services: Services): Promise<Record<string, never>> {
  const held = release(session);
  // False when a newer connection already holds this place (the same link reopened): its entry stays.
  if (held && held.lesson.leave(held.participant)) forget(services, held.lesson.record.id, held.participant.id, held.participant.view.joinedAt, Date.now());
  return {};
}

/**
 * The connection dropped without a goodbye (a network loss, a server that
 * stopped hearing the page): the participant keeps its place for the
 * configured grace period (RESUME_GRACE_MS) so that the page can take it back (resumeLesson) with its
 * media still in place; then it leaves as if it had closed. Call it inside
 * `session.serial`.
 */
export function keepPlace(session: Session, services: Services): void {
  const held = release(session);
  if (!held) return;
  const { lesson, participant } = held;
  keepPlaceInLesson(lesson, participant, services.config.resumeGraceMs, () => {
    if (lesson.leave(participant)) forget(services, lesson.record.id, participant.id, participant.view.joinedAt, Date.now());
  });
}

/**
 * Detaches the connection from its place. Null when it holds none: it never
 * joined, or another connection has taken its participant over since
 * (resumeLesson), which then decides what happens to it.
 */
function release(session: Session): { lesson: Lesson; participant: Participant } | null {
  const { lesson, participant } = session;
  session.lesson = null;
  session.participant = null;
  if (!lesson || !participant || participant.socket !== session.socket) return null;
  return { lesson, participant };
}

/** Redis may be down for a moment; the leave is already done in memory, so retry until Redis has it too. */
export function forget(services: Services, lessonId: string, participantId: string, joinedAt: number, since: number): void {
  services.live.removeParticipant(lessonId, participantId, joinedAt).catch((error: Error) => {
    if (Date.now() - since > REDIS_RETRY_FOR_MS) return;
    // One line per leave, not one per retry.
    if (Date.now() - since < REDIS_RETRY_MS) services.logger.warn({ lessonId, participantId, err: error.message }, 'could not record the leave in Redis; retrying');
    setTimeout(() => forget(services, lessonId, participantId, joinedAt, since), REDIS_RETRY_MS).unref();
  });
}
