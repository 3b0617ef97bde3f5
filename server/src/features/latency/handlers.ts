import { ErrorCode, LessonError, PROBE_DEFAULT_SECONDS, PROBE_LEAD_MS, PROBE_LECTURE_MAX_SECONDS } from '@shared';
import type { Handler } from '../context.js';

/** Reports are accepted this long after the probe ended (pages summarise, then send). */
const REPORT_GRACE_MS = 30_000;
/** Margin after the probe for tones still in flight on slow links. */
const WINDOW_TAIL_MS = 2000;

/** The server's clock for NTP-style offset estimation; any connected page may ask. */
export const clockSync: Handler<'clockSync'> = async () => ({ serverTime: Date.now() });

/**
 * 延迟检测: teacher only; every page gets the schedule and measures during it.
 * The probe needs every classroom's tones, so the microphone gate lets
 * classroom microphones through for the probe's window only (at most 15 s,
 * muted classrooms excluded) without changing the floor: no floor notices,
 * and directing keeps ignoring classrooms that may not be heard. Every page
 * swaps its microphone for a tone-only track for that window; a page that
 * does not is heard for at most the window.
 */
export const startLatencyProbe: Handler<'startLatencyProbe'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  if (lesson.status === 'ended') throw new LessonError(ErrorCode.LessonEnded, 'the lesson has ended (下课)');
  const durationS = request.durationS ?? PROBE_DEFAULT_SECONDS;
  if (durationS > PROBE_LECTURE_MAX_SECONDS && lesson.floor.mode !== 'discussion') {
    throw new LessonError(ErrorCode.BadRequest, `a check longer than ${PROBE_LECTURE_MAX_SECONDS} s needs discussion mode (讨论)`);
  }
  const probe = await lesson.latency.start(durationS * 1000, PROBE_LEAD_MS, WINDOW_TAIL_MS);
  services.logger.info({ lessonId: lesson.record.id, probe }, 'latency probe started');
  return probe;
};

/** A page's summary goes to the teacher (the one who reads the table). */
export const reportLatency: Handler<'reportLatency'> = async (request, session, services) => {
  const { lesson, participant } = session.joined();
  const probe = lesson.latency.current;
  if (!probe || probe.probeId !== request.probeId || Date.now() > probe.startsAt + probe.durationMs + REPORT_GRACE_MS) {
    throw new LessonError(ErrorCode.NotFound, 'no such latency probe running');
  }
  lesson.tellTeacher({ type: 'latencyReport', probeId: probe.probeId, reporterId: participant.id, measurements: request.measurements });
  services.qualityFacts.latency(lesson.record.id, participant.id, probe.probeId, request.measurements);
  services.metrics.latencyReported(request.measurements);
  services.logger.info({ lessonId: lesson.record.id, reporterId: participant.id, measurements: request.measurements }, 'latency reported');
  return {};
};
