import { ErrorCode, LessonError, precheckVerdict, type PrecheckRecord } from '@shared';
import { findClassroomLink } from '../../db/lessonRecords.js';
import { capabilitiesToClient, dtlsFromClient, transportOptionsOf, rtpParametersFromClient } from '../../media/wire.js';
import type { Handler, Session } from '../../signalling/context.js';
import { PrecheckSession } from './PrecheckSession.js';

/** The check running on a signalling connection, if any. */
const checks = new WeakMap<Session, PrecheckSession>();
/** Connections whose close already ends their check (one listener per connection, however often it re-checks). */
const watched = new WeakSet<Session>();

const checkOf = (session: Session): PrecheckSession => {
  const check = checks.get(session);
  if (!check) throw new LessonError(ErrorCode.NotJoined, 'start the check first');
  return check;
};

/** 课前检测 opens with the classroom's own link; a check already running on this connection is replaced. */
export const startPrecheck: Handler<'startPrecheck'> = async (request, session, services) => {
  const link = await findClassroomLink(services.db, request.lessonId, request.classroomId, request.key);
  if (!link) throw new LessonError(ErrorCode.Unauthorized, 'this link does not open this lesson');
  checks.get(session)?.close();
  const lesson = await services.lessons.open({ id: link.lessonId, title: link.lessonTitle, teacherName: link.teacherName });
  const check = new PrecheckSession(lesson, { id: link.classroomId, name: `${link.schoolName} · ${link.classroomName}` }, services.lessons, services.config.maxUplinkBitrate);
  checks.set(session, check);
  // A closed page must not leave its test transports (or an empty lesson's router) behind.
  if (!watched.has(session)) {
    watched.add(session);
    session.socket.once('disconnect', () => checks.get(session)?.close());
  }
  services.logger.info({ lessonId: link.lessonId, classroomId: link.classroomId }, 'pre-class check started');
  return { routerRtpCapabilities: capabilitiesToClient(lesson.router.rtpCapabilities), classroomName: check.classroom.name };
};

export const createPrecheckTransport: Handler<'createPrecheckTransport'> = async (_request, session) => {
  const transport = await checkOf(session).createTransport();
  // All candidates (UDP and TCP) are sent; the page keeps one protocol per test transport.
  return transportOptionsOf(transport);
};

export const connectPrecheckTransport: Handler<'connectPrecheckTransport'> = async (request, session) => {
  await checkOf(session).transport(request.transportId).connect({ dtlsParameters: dtlsFromClient(request.dtlsParameters) });
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
  const lesson = (await services.lessons.all()).find((l) => l.record.id === check.lesson.record.id && !l.isClosed) ?? check.lesson;
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
  check.close();
  lesson.participants.get('teacher')?.notify({ type: 'precheckResult', record });
  services.logger.info({ lessonId: lesson.record.id, classroomId: check.classroom.id, verdict, advice }, 'pre-class check finished');
  return record;
};
