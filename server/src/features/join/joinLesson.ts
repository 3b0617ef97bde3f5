import { ErrorCode, LessonError, type JoinedLesson, type Participant as ParticipantView, type RequestOf } from '@shared';
import type { Handler, Services, Session } from '../context.js';
import { admission } from './admission.js';
import { forget, leave } from './leaveLesson.js';
import { lessonSnapshot, readStoredState } from './snapshot.js';

/**
 * Admits the session's principal as the teacher, a classroom or an observer
 * (see admission.ts). The participant id is stable (`teacher`,
 * `classroom:<id>`, `observer:<principal>`), so a classroom that reloads or
 * reconnects takes its old place; an older connection in the same place is
 * told it was replaced and dropped. Joins and leaves of one connection run one
 * at a time.
 */
export const joinLesson: Handler<'joinLesson'> = (request, session, services) => {
  const joinedAt = services.lessons.stamp();
  return session.serial(() => join(request, joinedAt, session, services));
};

/**
 * Everything that can fail or wait comes first (the link, the lesson, Redis
 * reads, the Redis write); the admission itself is one synchronous step, so a
 * join that fails part-way, or whose page closed meanwhile, leaves nothing
 * behind in memory, Redis or the worker. The lesson is held for the whole
 * join, so it cannot close under it.
 */
async function join(request: RequestOf<'joinLesson'>, joinedAt: number, session: Session, services: Services): Promise<JoinedLesson> {
  const { db, live, lessons } = services;
  const admitted = await admission(db, session.principal, request.lessonId, request.role, request.classroomId);
  const { plan } = admitted;
  // Joining again on the same connection (after a media restart) starts from a clean slate.
  if (session.participant) await leave(session, services);

  const { lesson, release } = await lessons.hold({ id: plan.id, title: plan.title, teacherName: plan.teacherName });
  try {
    const view: ParticipantView = {
      id: admitted.participantId,
      role: admitted.role,
      classroomId: admitted.role === 'classroom' ? admitted.classroomId : null,
      name: admitted.name,
      schoolName: admitted.schoolName,
      joinedAt,
    };
    const stored = await readStoredState(lesson, admitted.classroomId, services, admitted.role === 'teacher');
    if (!(await live.addParticipant(lesson.record.id, view))) {
      throw new LessonError(ErrorCode.Replaced, 'a newer copy of this link has joined; this one stops');
    }
    let participant;
    try {
      if (session.isGone) throw new LessonError(ErrorCode.NotJoined, 'the connection closed while joining');
      participant = lesson.admit(view, session.socket, admitted.classroomId, session.principal.id);
      session.participant = participant;
      session.lesson = lesson;
    } catch (error) {
      forget(services, lesson.record.id, view.id, view.joinedAt, Date.now());
      throw error;
    }
    return lessonSnapshot(lesson, participant, stored, services);
  } finally {
    release();
  }
}
