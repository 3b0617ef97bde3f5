import type { Handler, Services } from '../../signalling/context.js';

const REDIS_RETRY_MS = 2000;

/**
 * Takes the participant out of its lesson: its transports (and so producers
 * and consumers) close in the worker, everyone is told, and an empty lesson
 * closes its router. Idempotent.
 */
export const leaveLesson: Handler<'leaveLesson'> = async (_request, session, services) => {
  const { lesson, participant } = session;
  session.lesson = null;
  session.participant = null;
  if (!lesson || !participant) return {};
  // A newer connection may already hold this place (the same link reopened).
  if (lesson.participants.get(participant.id) !== participant) return {};
  for (const producerId of participant.media.producers.keys()) lesson.broadcast({ type: 'trackClosed', producerId }, participant.id);
  participant.media.close();
  lesson.participants.delete(participant.id);
  lesson.broadcast({ type: 'participantLeft', participantId: participant.id });
  lesson.director.participantLeft(participant.id);
  lesson.stage.refresh();
  services.lessons.closeIfEmpty(lesson);
  removeFromLiveState(services, lesson.record.id, participant.id, participant.view.joinedAt);
  return {};
};

/** Redis may be down for a moment; the leave is already done in memory, so retry until Redis has it too. */
function removeFromLiveState(services: Services, lessonId: string, participantId: string, joinedAt: number): void {
  services.live.removeParticipant(lessonId, participantId, joinedAt).catch((error: Error) => {
    services.logger.warn({ lessonId, participantId, err: error.message }, 'could not record the leave in Redis; retrying');
    setTimeout(() => removeFromLiveState(services, lessonId, participantId, joinedAt), REDIS_RETRY_MS).unref();
  });
}
