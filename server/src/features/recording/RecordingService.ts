import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ErrorCode, LessonError, noRecording, type RecordingStopReason, type RecordingView } from '@shared';
import type { AuditLog } from '../../auth/audit.js';
import type { Db } from '../../db/database.js';
import { createRecording, finishRecording, recordingSetting, runningRecording, updateRecordingTotals, type RecordingRow } from '../../db/recordings.js';
import type { Lesson } from '../../lesson/Lesson.js';
import type { LessonRegistry } from '../../lesson/LessonRegistry.js';
import type { Logger } from '../../log.js';
import { checkDisk, diskAlarm, type DiskLimits } from './diskGuard.js';
import { LessonRecorder } from './LessonRecorder.js';
import { endOrphanRecorders, listUnlistedSegments } from './recovery.js';
import { manifestTotals, RecordingFiles, type SegmentEntry } from './recordingFiles.js';

/** How often the disk is checked while anything records: a 720p camera writes ~1 MB in that time. */
const DISK_CHECK_MS = 2000;
/** The recording row's totals are brought up to date at most this often. */
const TOTALS_EVERY_MS = 1000;

interface Running {
  lesson: Lesson;
  row: RecordingRow;
  recorder: LessonRecorder;
  segments: SegmentEntry[];
  totalsTimer: NodeJS.Timeout | null;
}

/**
 * 录制 on this server: starts a lesson's recording when its teacher asks or
 * when its setting (the lesson's own, else its school's) says so at 开始上课,
 * and ends it at 下课. A recording is a SQL row with status `recording` until
 * then, so it outlives the lesson's router: when a lesson closes (everyone
 * left, the server stops or dies) its recorders stop, and when it opens
 * again the recording goes on by itself with new recorders, its manifest
 * continued. A disk guard stops every recording with an alarm when the disk
 * runs low or the budget is reached; the server keeps running and what was
 * written stays as it is.
 */
export class RecordingService {
  private readonly running = new Map<string, Running>();
  private readonly views = new Map<string, RecordingView>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private guard: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly db: Db,
    private readonly limits: DiskLimits,
    private readonly logger: Logger,
    private readonly audit: AuditLog,
    /** Called when a recording has ended (complete or stopped): its directed view can be built. */
    private readonly onFinished: () => void = () => undefined,
  ) {
    mkdirSync(limits.dir, { recursive: true });
    // A server that died leaves its ffmpeg processes behind, writing nothing: they go before anything records again.
    const ended = endOrphanRecorders(limits.dir);
    if (ended > 0) logger.warn({ ended }, 'ended recorders left behind by a previous server process');
  }

  /** Follows every lesson the registry opens from now on. */
  follow(lessons: LessonRegistry): void {
    lessons.onOpened((lesson) => this.attach(lesson));
  }

  /** Whether a lesson records now, as every page shows it. */
  view(lessonId: string): RecordingView {
    return this.views.get(lessonId) ?? noRecording;
  }

  /** How many lessons record on this server now, for /metrics. */
  get recordingLessons(): number {
    return this.running.size;
  }

  /** ffmpeg processes recording a lesson now (for the tests and health views). */
  recorderPids(lessonId: string): Array<{ producerId: string; pid: number | null }> {
    return this.running.get(lessonId)?.recorder.ffmpegPids() ?? [];
  }

  /** The teacher's button: starts or stops the recording; returns what every page is told. */
  setRecording(lesson: Lesson, recording: boolean): Promise<RecordingView> {
    return this.serial(lesson.record.id, async () => {
      if (recording) await this.start(lesson, 'teacher');
      else await this.stop(lesson.record.id, 'teacher', null);
      return this.view(lesson.record.id);
    });
  }

  /** Stops every recorder (the server is stopping); rows stay `recording`, so a restarted server goes on with them. */
  async close(): Promise<void> {
    if (this.guard) clearInterval(this.guard);
    this.guard = null;
    await Promise.all([...this.running.keys()].map((lessonId) => this.pause(lessonId)));
  }

  private attach(lesson: Lesson): void {
    const lessonId = lesson.record.id;
    lesson.on('statuschanged', (status) => {
      if (status === 'live') void this.serial(lessonId, () => this.startBySetting(lesson)).catch((error: Error) => this.failed(lessonId, error));
      if (status === 'ended') void this.serial(lessonId, () => this.stop(lessonId, 'lessonEnded', null)).catch((error: Error) => this.failed(lessonId, error));
    });
    lesson.on('closed', () => void this.serial(lessonId, () => this.pause(lessonId)));
    void this.serial(lessonId, () => this.resume(lesson)).catch((error: Error) => this.failed(lessonId, error));
  }

  private failed(lessonId: string, error: Error): void {
    this.logger.error({ lessonId, err: error.message }, 'recording could not start or stop');
  }

  /** One start or stop of a lesson's recording at a time, in the order asked. */
  private serial<T>(lessonId: string, work: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(lessonId) ?? Promise.resolve()).then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(lessonId, settled);
    void settled.then(() => {
      if (this.queues.get(lessonId) === settled) this.queues.delete(lessonId);
    });
    return next;
  }

  private async startBySetting(lesson: Lesson): Promise<void> {
    const setting = await recordingSetting(this.db, lesson.record.id);
    if (setting?.autoRecord && !this.running.has(lesson.record.id)) await this.start(lesson, 'setting');
  }

  private async start(lesson: Lesson, startedBy: 'teacher' | 'setting'): Promise<void> {
    const lessonId = lesson.record.id;
    if (this.running.has(lessonId)) return;
    if (lesson.isClosed) throw new LessonError(ErrorCode.NotFound, 'the lesson closed meanwhile');
    if (lesson.status === 'ended') throw new LessonError(ErrorCode.LessonEnded, 'the lesson has ended (下课); nothing to record');
    const disk = await checkDisk(this.limits, await this.usedBytes());
    if (disk.stop) throw new LessonError(ErrorCode.Unavailable, diskAlarm(disk, this.limits));
    const setting = await recordingSetting(this.db, lessonId);
    if (!setting) throw new LessonError(ErrorCode.NotFound, 'no such lesson');
    const row = await createRecording(this.db, { ...setting.lesson, startedAt: Date.now(), startedBy }, JSON.stringify(manifestTotals([]).summary));
    this.logger.info({ lessonId, recordingId: row.id, startedBy }, 'recording started');
    this.begin(lesson, row, [], false);
  }

  /** A lesson (re)opened whose recording was running: it goes on, after listing what the last recorders left unlisted. */
  private async resume(lesson: Lesson): Promise<void> {
    const row = await runningRecording(this.db, lesson.record.id);
    if (!row || lesson.isClosed || this.running.has(lesson.record.id)) return;
    const files = new RecordingFiles(join(this.limits.dir, row.dir));
    for (const entry of await listUnlistedSegments(files)) files.appendSegment(entry);
    const disk = await checkDisk(this.limits, await this.usedBytes());
    this.logger.info({ lessonId: lesson.record.id, recordingId: row.id }, 'recording resumed');
    this.begin(lesson, row, files.segments(), true);
    if (disk.stop) await this.stop(lesson.record.id, disk.stop, diskAlarm(disk, this.limits));
  }

  private begin(lesson: Lesson, row: RecordingRow, segments: SegmentEntry[], resumed: boolean): void {
    const lessonId = lesson.record.id;
    const files = new RecordingFiles(join(this.limits.dir, row.dir));
    const running: Running = { lesson, row, segments, totalsTimer: null, recorder: new LessonRecorder(lesson, row.id, files, lesson.logger, (entry) => this.written(running, entry)) };
    this.running.set(lessonId, running);
    running.recorder.start(resumed);
    this.tell(lesson, { active: true, recordingId: row.id, startedAt: row.started_at, stoppedBecause: null, alarm: null });
    this.guard ??= setInterval(() => void this.checkDisks(), DISK_CHECK_MS);
    this.guard.unref();
  }

  private written(running: Running, entry: SegmentEntry): void {
    if (!running.recorder.files.appendSegment(entry)) void this.checkDisks();
    running.segments.push(entry);
    running.totalsTimer ??= setTimeout(() => {
      running.totalsTimer = null;
      void this.saveTotals(running);
    }, TOTALS_EVERY_MS);
  }

  private async saveTotals(running: Running): Promise<void> {
    const totals = manifestTotals(running.segments);
    await updateRecordingTotals(this.db, running.row.id, { ...totals, files: JSON.stringify(totals.summary) }).catch((error: Error) =>
      this.logger.warn({ recordingId: running.row.id, err: error.message }, 'could not update the recording row'),
    );
  }

  /** Ends the recording: its recorders finish their segments, the row says why. */
  private async stop(lessonId: string, reason: RecordingStopReason, alarm: string | null): Promise<void> {
    const running = this.running.get(lessonId);
    if (!running) return;
    this.running.delete(lessonId);
    await running.recorder.stop(reason);
    if (running.totalsTimer) clearTimeout(running.totalsTimer);
    running.totalsTimer = null;
    await this.saveTotals(running);
    await finishRecording(this.db, running.row.id, reason === 'lessonEnded' ? 'complete' : 'stopped', reason, Date.now());
    this.logger.info({ lessonId, recordingId: running.row.id, reason }, 'recording stopped');
    this.onFinished();
    this.tell(running.lesson, { active: false, recordingId: running.row.id, startedAt: running.row.started_at, stoppedBecause: reason, alarm });
  }

  /** The lesson closed (everyone left, or the server stops): recorders stop, the recording stays running for its reopening. */
  private async pause(lessonId: string): Promise<void> {
    const running = this.running.get(lessonId);
    this.views.delete(lessonId);
    if (!running) return;
    this.running.delete(lessonId);
    await running.recorder.stop('lessonClosed');
    if (running.totalsTimer) clearTimeout(running.totalsTimer);
    await this.saveTotals(running);
  }

  private tell(lesson: Lesson, view: RecordingView): void {
    this.views.set(lesson.record.id, view);
    if (!lesson.isClosed) lesson.broadcast({ type: 'recordingChanged', recording: view });
  }

  /** What every recording row adds up to: its segments and its directed view. */
  private async usedBytes(): Promise<number> {
    const row = await this.db.selectFrom('recording').select(sql<number>`coalesce(sum(size_bytes + coalesce(directed_bytes, 0)), 0)`.as('used')).executeTakeFirst();
    return Number(row?.used ?? 0);
  }

  /** The disk guard: below the free-space threshold or past the budget, every recording stops with an alarm. */
  private async checkDisks(): Promise<void> {
    if (this.checking || this.running.size === 0) {
      if (this.running.size === 0 && this.guard) {
        clearInterval(this.guard);
        this.guard = null;
      }
      return;
    }
    this.checking = true;
    try {
      const disk = await checkDisk(this.limits, await this.usedBytes());
      if (!disk.stop) return;
      const alarm = diskAlarm(disk, this.limits);
      this.logger.error({ freeBytes: disk.freeBytes, usedBytes: disk.usedBytes, reason: disk.stop }, 'recording disk alarm: every recording stops');
      for (const [lessonId, running] of [...this.running]) {
        await this.serial(lessonId, () => this.stop(lessonId, disk.stop!, alarm));
        const school = await this.db.selectFrom('school').select('bureau_id').where('id', '=', running.row.host_school_id).executeTakeFirst();
        // The school admin reads it in the audit trail of the school that hosts the lesson.
        this.audit.record({
          actor: null,
          actorName: '录制',
          action: 'recording.diskAlarm',
          target: running.row.id,
          outcome: 'refused',
          address: null,
          detail: alarm,
          bureauId: school?.bureau_id ?? null,
          schoolId: running.row.host_school_id,
        });
      }
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'the recording disk check failed');
    } finally {
      this.checking = false;
    }
  }
}
