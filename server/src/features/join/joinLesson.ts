import { ErrorCode, LessonError, type JoinedLesson, type Participant as ParticipantView, type RequestOf } from '@shared';
import { loadDeviceMapping } from '../../db/deviceMappings.js';
import { findClassroomLink, findTeacherLink } from '../../db/lessonRecords.js';
import { capabilitiesToClient } from '../../media/wire.js';
import type { Handler, Services, Session } from '../context.js';
import { forget, leave } from './leaveLesson.js';

/**
 * Admits a teacher or classroom by its link. The participant id comes from the
 * link (`teacher`, `classroom:<id>`), so a classroom that reloads or reconnects
 * takes its old place; an older connection with the same link is told it was
 * replaced and dropped. Joins and leaves of one connection run one at a time.
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
  if (request.role === 'classroom' && !request.classroomId) {
    throw new LessonError(ErrorCode.BadRequest, 'classroomId is required for a classroom');
  }
  const link =
    request.role === 'teacher'
      ? await findTeacherLink(db, request.lessonId, request.key)
      : await findClassroomLink(db, request.lessonId, request.classroomId ?? '', request.key);
  if (!link) throw new LessonError(ErrorCode.Unauthorized, 'this link does not open this lesson');
  // Joining again on the same connection (after a media restart) starts from a clean slate.
  if (session.participant) await leave(session, services);

  const { lesson, release } = await lessons.hold({ id: link.lessonId, title: link.lessonTitle, teacherName: link.teacherName });
  try {
    const id = request.role === 'teacher' ? 'teacher' : `classroom:${link.classroomId}`;
    const view: ParticipantView = {
      id,
      role: request.role,
      classroomId: request.role === 'teacher' ? null : link.classroomId,
      name: request.role === 'teacher' ? `${link.teacherName} · ${link.classroomName}` : `${link.schoolName} · ${link.classroomName}`,
      schoolName: link.schoolName,
      joinedAt,
    };
    const [deviceMapping, hands, chatEnabled, history] = await Promise.all([
      loadDeviceMapping(db, link.classroomId),
      services.hands.list(lesson.record.id),
      services.chat.enabled(lesson.record.id),
      services.chat.history(lesson.record.id),
    ]);
    // Before admission: while the lesson's media server restarts this refuses the join (UNAVAILABLE) and nothing is left behind.
    const routerRtpCapabilities = capabilitiesToClient(lesson.router.rtpCapabilities);
    if (!(await live.addParticipant(lesson.record.id, view))) {
      throw new LessonError(ErrorCode.Replaced, 'a newer copy of this link has joined; this one stops');
    }
    try {
      if (session.isGone) throw new LessonError(ErrorCode.NotJoined, 'the connection closed while joining');
      session.participant = lesson.admit(view, session.socket, link.classroomId);
      session.lesson = lesson;
    } catch (error) {
      forget(services, lesson.record.id, view.id, view.joinedAt, Date.now());
      throw error;
    }
    return {
      self: view,
      lesson: lesson.view,
      routerRtpCapabilities,
      // This server's participants are Redis's (it clears stale ones at start); several servers will read Redis here.
      participants: [...lesson.participants.values()].map((p) => p.view).sort((a, b) => a.joinedAt - b.joinedAt),
      tracks: lesson.tracks(),
      interaction: {
        hands,
        floor: lesson.floor,
        mainView: lesson.director.mainView,
        stage: lesson.stage.stage,
        chat: { enabled: chatEnabled, history },
        speaking: lesson.director.speakingNow(),
      },
      deviceMapping,
    };
  } finally {
    release();
  }
}
