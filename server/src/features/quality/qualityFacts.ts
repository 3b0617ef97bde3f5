import type { LatencyMeasurement, PrecheckVerdict, ReportedSample } from '@shared';
import { appendLessonEvents } from '../../db/lessonEvents.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../log.js';
import { EventBatch } from '../participation/EventBatch.js';
import { eventRow, type ParticipationEvent } from '../participation/participationEvents.js';

/**
 * Freezes one track may add between two reports. Reports come every two
 * seconds at most and a freeze lasts a few hundred milliseconds, so more is
 * a page that lies; it is counted as this many.
 */
export const MAX_FREEZES_PER_REPORT = 10;

/** Who reports: a participant of a lesson, its identity the object itself. */
interface Receiver {
  readonly id: string;
}

/**
 * 质量 for the dashboard: pre-class check verdicts, latency-check summaries
 * and freezes, as `lesson_event` rows of their lesson, written in batches
 * with the participation log's batching (never one insert per report).
 */
export class QualityFacts {
  private readonly batch: EventBatch;
  /** Per receiver: each received track's freezeCount as last reported. */
  private readonly freezeCounts = new WeakMap<Receiver, Map<string, number>>();

  constructor(db: Db, logger: Logger) {
    this.batch = new EventBatch((rows) => appendLessonEvents(db, rows), logger);
  }

  precheck(lessonId: string, classroomId: string, verdict: PrecheckVerdict): void {
    this.note(lessonId, { kind: 'precheck', at: Date.now(), participantId: `classroom:${classroomId}`, detail: { classroomId, verdict } });
  }

  latency(lessonId: string, reporterId: string, probeId: string, measurements: LatencyMeasurement[]): void {
    if (measurements.length > 0) this.note(lessonId, { kind: 'latency', at: Date.now(), participantId: reporterId, detail: { probeId, measurements } });
  }

  /**
   * A receiver's report: its video tracks' freezeCount against the last
   * report's. A track new to it counts from zero (freezeCount starts with the
   * track); a count that went down is a restarted track, counted afresh.
   */
  received(lessonId: string, receiver: Receiver, samples: readonly ReportedSample[]): void {
    let counts = this.freezeCounts.get(receiver);
    if (!counts) this.freezeCounts.set(receiver, (counts = new Map()));
    let grown = 0;
    for (const sample of samples) {
      if (sample.kind !== 'video') continue;
      const last = counts.get(sample.producerId) ?? 0;
      const added = sample.freezes >= last ? sample.freezes - last : sample.freezes;
      counts.set(sample.producerId, sample.freezes);
      grown += Math.min(added, MAX_FREEZES_PER_REPORT);
    }
    if (grown > 0) this.note(lessonId, { kind: 'freezes', at: Date.now(), participantId: receiver.id, detail: { count: grown } });
  }

  /** Resolves when every fact so far is written. */
  close(): Promise<void> {
    return this.batch.settled();
  }

  private note(lessonId: string, event: ParticipationEvent): void {
    this.batch.add(eventRow(lessonId, event));
  }
}
