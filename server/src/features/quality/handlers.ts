import { ErrorCode, LessonError, type ReportedSample } from '@shared';
import type { Handler } from '../context.js';
import { limitedUplinks } from '../media/uplinkGuard.js';

/**
 * A classroom reports what it receives. Samples of tracks it does not
 * receive are dropped; the server adds the sender and the simulcast layer
 * the SFU forwards now. Only the teacher is told.
 */
export const reportQuality: Handler<'reportQuality'> = async (request, session, services) => {
  const { lesson, participant } = session.joined();
  if (participant.isTeacher) throw new LessonError(ErrorCode.Forbidden, 'only classrooms report what they receive');
  if (!services.quality.mayReport(participant)) throw new LessonError(ErrorCode.RateLimited, 'report at most every two seconds');
  const consumers = [...participant.media.consumers.values()].map(({ consumer }) => consumer);
  const samples: ReportedSample[] = [];
  for (const sample of request.samples) {
    const consumer = consumers.find((c) => c.producerId === sample.producerId && c.kind === sample.kind);
    const owner = consumer ? lesson.findProducer(consumer.producerId)?.owner : undefined;
    if (!consumer || !owner) continue;
    samples.push({ ...sample, fromId: owner.id, layer: consumer.kind === 'video' ? (consumer.currentLayers?.spatialLayer ?? null) : null });
  }
  services.qualityFacts.received(lesson.record.id, participant, samples);
  const report = { participantId: participant.id, reportedAt: Date.now(), samples };
  if (services.quality.saveReport(participant, report)) lesson.tellTeacher({ type: 'qualityReport', report });
  return {};
};

/** The teacher's panel after a (re)load. */
export const getQualityOverview: Handler<'getQualityOverview'> = async (_request, session, services) => {
  const { lesson } = session.teacher();
  const reports = [...lesson.participants.values()].flatMap((p) => {
    const report = services.quality.reportOf(p);
    return report ? [report] : [];
  });
  return { prechecks: services.quality.prechecksOf(lesson.record.id), reports, uplinks: limitedUplinks(lesson, services.config.maxUplinkBitrate) };
};
