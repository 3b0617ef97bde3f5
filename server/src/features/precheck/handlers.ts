import { ErrorCode, LessonError, precheckVerdict, type PrecheckRecord } from '@shared';
import { admission } from '../join/admission.js';
import { dtlsFromClient, transportOptionsOf, rtpParametersFromClient, capabilitiesToClient } from '../../media/wire.js';
import { fromClient, whileOpen } from '../../media/mediaErrors.js';
import type { Handler, Session } from '../context.js';
import { PrecheckSession } from './PrecheckSession.js';

const checkOf = (session: Session): PrecheckSession => {
  if (!session.precheck) throw new LessonError(ErrorCode.NotJoined, 'start the check first');
  return session.precheck;
};

/**
 * 课前检测 of a classroom, by whoever may join the lesson as that classroom; a check already running on
 * this connection is replaced. A closed page ends its check (the dispatcher
 * closes `session.precheck`), so no test transport stays behind.
 */
export const startPrecheck: Handler<'startPrecheck'> = async (request, session, services) => {
  const { plan, classroomId, name } = await admission(services.db, session.principal, request.lessonId, 'classroom', request.classroomId);
  const { lesson, release } = await services.lessons.hold({ id: plan.id, title: plan.title, teacherName: plan.teacherName });
  let check: PrecheckSession;
  let routerRtpCapabilities;
  try {
    // First: while the lesson's media server restarts this is refused (UNAVAILABLE), and a check already
    // running stays, to be told when the media is back.
    routerRtpCapabilities = capabilitiesToClient(lesson.router.rtpCapabilities);
    session.precheck?.close();
    session.precheck = null;
    const classroom = { id: classroomId!, name };
    check = new PrecheckSession(lesson, classroom, services.config.maxUplinkBitrate, (notice) => session.socket.emit('notice', notice));
  } finally {
    release();
  }
  if (session.isGone) {
    check.close();
    throw new LessonError(ErrorCode.NotJoined, 'the connection closed while the check started');
  }
  session.precheck = check;
  services.logger.info({ lessonId: plan.id, classroomId }, 'pre-class check started');
  // The check's own credentials: it is not a participant, so its classroom stands in the username.
  return { routerRtpCapabilities, classroomName: check.classroom.name, iceServers: services.turn?.iceServers(`precheck-${classroomId}`) ?? [] };
};

export const createPrecheckTransport: Handler<'createPrecheckTransport'> = async (_request, session) => {
  const transport = await checkOf(session).createTransport();
  // All candidates (UDP and TCP) are sent; the page keeps one protocol per test transport.
  return transportOptionsOf(transport);
};

export const connectPrecheckTransport: Handler<'connectPrecheckTransport'> = async (request, session) => {
  const transport = checkOf(session).transport(request.transportId);
  await whileOpen(transport, () => fromClient(() => transport.connect({ dtlsParameters: dtlsFromClient(request.dtlsParameters) })));
  return {};
};

export const producePrecheck: Handler<'producePrecheck'> = async (request, session) => {
  const check = checkOf(session);
  const transport = check.transport(request.transportId);
  const producer = await check.produce(transport, { kind: request.kind, rtpParameters: rtpParametersFromClient(request.rtpParameters) });
  return { producerId: producer.id };
};

export const measurePrecheck: Handler<'measurePrecheck'> = async (_request, session) => checkOf(session).measure();

/**
 * Keeps the result for the teacher (who is told at once if she is in the
 * lesson) and ends the check's media. The same check may send its result
 * again: a page that sent "speakers not confirmed" after nobody answered
 * sends the answer when someone does.
 */
export const submitPrecheck: Handler<'submitPrecheck'> = async (request, session, services) => {
  const check = checkOf(session);
  // The lesson object may have closed meanwhile (nobody in it); the result belongs to the lesson id.
  const lesson = (await services.lessons.find(check.lesson.record.id)) ?? check.lesson;
  const { verdict, advice } = precheckVerdict(request.report);
  const record: PrecheckRecord = {
    participantId: `classroom:${check.classroom.id}`,
    classroomId: check.classroom.id,
    name: check.classroom.name,
    checkedAt: Date.now(),
    report: request.report,
    verdict,
    advice,
    sfuReceivedKbps: check.receivedKbps,
  };
  services.quality.savePrecheck(lesson.record.id, record);
  services.qualityFacts.precheck(lesson.record.id, check.classroom.id, verdict);
  check.close();
  lesson.tellTeacher({ type: 'precheckResult', record });
  services.logger.info({ lessonId: lesson.record.id, classroomId: check.classroom.id, verdict, advice }, 'pre-class check finished');
  return record;
};
