import { ErrorCode, LessonError, type RequestOf, type ResumedLesson } from '@shared';
import type { Handler, Services, Session } from '../context.js';
import { resumePlace } from '../../lesson/reconnection.js';
import { leave } from './leaveLesson.js';
import { lessonSnapshot, readStoredState } from './snapshot.js';

/**
 * 断网续传: a page whose connection dropped takes back its place on a new
 * connection (or asks again on the same one, after its media restarted). It
 * proves the place is its own with the resume token of its join reply. The
 * media objects of the place are still open at the SFU; the reply says which
 * transports, so the page keeps what it has and repairs only the path.
 * RESUME_EXPIRED when the place was not kept (grace period over, server
 * restarted, the link opened elsewhere): the page joins again.
 */
export const resumeLesson: Handler<'resumeLesson'> = (request, session, services) => session.serial(() => resume(request, session, services));

async function resume(request: RequestOf<'resumeLesson'>, session: Session, services: Services): Promise<ResumedLesson> {
  const lesson = await services.lessons.find(request.lessonId);
  const participant = lesson?.participants.get(request.participantId);
  // The token alone is not enough: the place is taken back only by whoever joined it (the same account, terminal
  // or guest), so a leaked token is useless to anyone else.
  if (!lesson || !participant || !participant.holdsToken(request.token) || participant.principalId !== session.principal.id) {
    throw new LessonError(ErrorCode.ResumeExpired, 'this place is no longer kept; join again');
  }
  const stored = await readStoredState(lesson, participant.terminalClassroomId, services, participant.isTeacher);
  // This connection held another place (a page does not, but a hostile one may): it gives that one up.
  if (session.participant && session.participant !== participant) await leave(session, services);
  if (session.isGone) throw new LessonError(ErrorCode.NotJoined, 'the connection closed while resuming');
  resumePlace(lesson, participant, session.socket, request.transports);
  session.lesson = lesson;
  session.participant = participant;
  return { ...lessonSnapshot(lesson, participant, stored, services), keptTransports: [...participant.media.transports.keys()] };
}
