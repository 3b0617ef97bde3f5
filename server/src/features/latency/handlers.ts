import { randomUUID } from 'node:crypto';
import { ErrorCode, LessonError, PROBE_DEFAULT_SECONDS, PROBE_LEAD_MS, type LatencyProbe } from '@shared';
import type { Lesson } from '../../lesson/Lesson.js';
import type { Handler } from '../../signalling/context.js';
import { openProbeWindow } from './probeWindow.js';

/** The last probe of each lesson: reports for another probe id are refused. */
const probes = new WeakMap<Lesson, LatencyProbe>();
/** Reports are accepted this long after the probe ended (pages summarise, then send). */
const REPORT_GRACE_MS = 30_000;
/** Margin after the probe for tones still in flight on slow links. */
const WINDOW_TAIL_MS = 2000;

/** The server's clock for NTP-style offset estimation; any connected page may ask. */
export const clockSync: Handler<'clockSync'> = async () => ({ serverTime: Date.now() });

/** 延迟检测: teacher only; every page gets the schedule and measures during it. */
export const startLatencyProbe: Handler<'startLatencyProbe'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  if (lesson.status === 'ended') throw new LessonError(ErrorCode.LessonEnded, 'the lesson has ended (下课)');
  const probe: LatencyProbe = {
    probeId: randomUUID(),
    startsAt: Date.now() + PROBE_LEAD_MS,
    durationMs: (request.durationS ?? PROBE_DEFAULT_SECONDS) * 1000,
  };
  probes.set(lesson, probe);
  await openProbeWindow(lesson, probe.probeId, probe.startsAt + probe.durationMs + WINDOW_TAIL_MS);
  lesson.broadcast({ type: 'latencyProbe', probe });
  services.logger.info({ lessonId: lesson.record.id, probe }, 'latency probe started');
  return probe;
};

/** A page's summary goes to the teacher (the one who reads the table). */
export const reportLatency: Handler<'reportLatency'> = async (request, session, services) => {
  const { lesson, participant } = session.joined();
  const probe = probes.get(lesson);
  if (!probe || probe.probeId !== request.probeId || Date.now() > probe.startsAt + probe.durationMs + REPORT_GRACE_MS) {
    throw new LessonError(ErrorCode.NotFound, 'no such latency probe running');
  }
  lesson.participants.get('teacher')?.notify({ type: 'latencyReport', probeId: probe.probeId, reporterId: participant.id, measurements: request.measurements });
  services.logger.info({ lessonId: lesson.record.id, reporterId: participant.id, measurements: request.measurements }, 'latency reported');
  return {};
};
