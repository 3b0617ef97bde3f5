import type { Handler } from '../context.js';
import { followLessonEnd } from '../broadcasts/followLessonEnd.js';
import { changeLessonStatus } from './changeLessonStatus.js';

/** 开始上课 / 下课, teacher only (the timetable does the same by itself at the lesson's times: TimetableScheduler); 下课 also ends the broadcast the lesson runs. */
export const setLessonStatus: Handler<'setLessonStatus'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  if (lesson.status === request.status) return lesson.view;
  await changeLessonStatus(services, lesson.record.id, request.status);
  lesson.setStatus(request.status);
  if (request.status === 'ended') await followLessonEnd({ ...services, audit: services.accounts.audit }, lesson.record.id, session.principal, session.socket.handshake.address);
  return lesson.view;
};
