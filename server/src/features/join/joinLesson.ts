import { ErrorCode, LessonError, type Participant as ParticipantView } from '@shared';
import { loadDeviceMapping } from '../../db/deviceMappings.js';
import { findClassroomLink, findTeacherLink } from '../../db/lessonRecords.js';
import { Participant } from '../../lesson/Participant.js';
import type { Handler } from '../../signalling/context.js';
import { capabilitiesToClient } from '../../media/wire.js';
import { leaveLesson } from './leaveLesson.js';

/**
 * Admits a teacher or classroom by its link. The participant id comes from the
 * link (`teacher`, `classroom:<id>`), so a classroom that reloads or reconnects
 * takes its old place; an older connection with the same link is told it was
 * replaced and dropped.
 */
export const joinLesson: Handler<'joinLesson'> = async (request, session, services) => {
  const { db, live, lessons, logger } = services;
  if (request.role === 'classroom' && !request.classroomId) {
    throw new LessonError(ErrorCode.BadRequest, 'classroomId is required for a classroom');
  }
  const link =
    request.role === 'teacher'
      ? await findTeacherLink(db, request.lessonId, request.key)
      : await findClassroomLink(db, request.lessonId, request.classroomId ?? '', request.key);
  if (!link) throw new LessonError(ErrorCode.Unauthorized, 'this link does not open this lesson');

  const id = request.role === 'teacher' ? 'teacher' : `classroom:${link.classroomId}`;
  // Joining again on the same connection (after a media restart) starts from a clean slate.
  if (session.participant) await leaveLesson({ type: 'leaveLesson' }, session, services);

  const lesson = await lessons.open({ id: link.lessonId, title: link.lessonTitle, teacherName: link.teacherName });
  const view: ParticipantView = {
    id,
    role: request.role,
    classroomId: request.role === 'teacher' ? null : link.classroomId,
    name: request.role === 'teacher' ? `${link.teacherName} · ${link.classroomName}` : `${link.schoolName} · ${link.classroomName}`,
    schoolName: link.schoolName,
    joinedAt: Date.now(),
  };
  // Redis first: if it is down the join fails and nothing in memory has changed.
  const deviceMapping = await loadDeviceMapping(db, link.classroomId);
  const [status, hands, chatEnabled, history] = await Promise.all([
    live.status(lesson.record.id),
    services.hands.list(lesson.record.id),
    services.chat.enabled(lesson.record.id),
    services.chat.history(lesson.record.id),
    live.addParticipant(lesson.record.id, view),
  ]);
  lesson.status = status;

  const previous = lesson.participants.get(id);
  if (previous) {
    previous.notify({ type: 'replaced' });
    previous.media.close();
    lesson.participants.delete(id);
    lesson.broadcast({ type: 'participantLeft', participantId: id });
    previous.socket.disconnect(true);
    lesson.stage.refresh();
  }
  const participant = new Participant(view, session.socket, link.classroomId);
  lesson.participants.set(id, participant);
  session.lesson = lesson;
  session.participant = participant;
  lesson.broadcast({ type: 'participantJoined', participant: view }, id);
  logger.info({ lessonId: lesson.record.id, participantId: id }, 'joined the lesson');

  return {
    self: view,
    lesson: lesson.view,
    routerRtpCapabilities: capabilitiesToClient(lesson.router.rtpCapabilities),
    participants: await live.participants(lesson.record.id),
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
};
