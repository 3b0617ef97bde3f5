import type { PrecheckRecord, QualityReport } from '@shared';
import type { Participant } from '../../lesson/Participant.js';
import { RateLimit } from '../../lesson/RateLimit.js';

/** Lessons whose check results are kept; the oldest is forgotten beyond this. */
const MAX_LESSONS = 500;
/** A classroom's receive report reaches the teacher at most this often, whatever the classroom sends. */
export const QUALITY_NOTICE_MIN_INTERVAL_MS = 1000;

/**
 * The teacher's view of network quality, in memory. Receive reports are
 * rewritten every two seconds and describe media objects of this process, so
 * after a restart they are worthless and a fresh one arrives within 2 s; they
 * hang off the Participant object and vanish with it. Check results are
 * small, per lesson and classroom; they are redone before each lesson, so
 * losing them on a restart costs one re-check (a TODO for Redis when several
 * servers share a lesson).
 */
export class QualityBoard {
  private readonly prechecks = new Map<string, Map<string, PrecheckRecord>>();
  private readonly reports = new WeakMap<Participant, QualityReport>();
  private readonly reportLimits = new WeakMap<Participant, RateLimit>();
  private readonly lastNotice = new WeakMap<Participant, number>();

  savePrecheck(lessonId: string, record: PrecheckRecord): void {
    let lesson = this.prechecks.get(lessonId);
    if (!lesson) {
      if (this.prechecks.size >= MAX_LESSONS) this.prechecks.delete(this.prechecks.keys().next().value!);
      this.prechecks.set(lessonId, (lesson = new Map()));
    }
    lesson.set(record.classroomId, record);
  }

  prechecksOf(lessonId: string): PrecheckRecord[] {
    return [...(this.prechecks.get(lessonId)?.values() ?? [])];
  }

  /** Whether this classroom may report now: two seconds apart, a little burst for reconnects. */
  mayReport(participant: Participant): boolean {
    let limit = this.reportLimits.get(participant);
    if (!limit) this.reportLimits.set(participant, (limit = new RateLimit(1, 3)));
    return limit.take();
  }

  /** Keeps the report; true when it should also go to the teacher now (rate-limited per classroom). */
  saveReport(participant: Participant, report: QualityReport): boolean {
    this.reports.set(participant, report);
    const last = this.lastNotice.get(participant) ?? 0;
    if (report.reportedAt - last < QUALITY_NOTICE_MIN_INTERVAL_MS) return false;
    this.lastNotice.set(participant, report.reportedAt);
    return true;
  }

  reportOf(participant: Participant): QualityReport | null {
    return this.reports.get(participant) ?? null;
  }
}
