import type { Db } from './database.js';
import type { Database } from './schema.js';
import { newId } from './ids.js';

/** One recording row (see the `recording` table). */
export type RecordingRow = Database['recording'];

/** What a new recording knows of its lesson when it starts. */
export interface NewRecording {
  lessonId: string;
  title: string;
  hostSchoolId: string;
  schoolIds: string[];
  teacherAccountId: string | null;
  teacherName: string;
  subject: string | null;
  grade: string | null;
  startedAt: number;
  startedBy: 'teacher' | 'setting';
}

/** Inserts a running recording; its folder is `<lessonId>/<recordingId>` under the recordings directory. */
export async function createRecording(db: Db, recording: NewRecording, files: string): Promise<RecordingRow> {
  const id = newId('r');
  const row: RecordingRow = {
    id,
    lesson_id: recording.lessonId,
    title: recording.title,
    host_school_id: recording.hostSchoolId,
    school_ids: recording.schoolIds.join(','),
    teacher_account_id: recording.teacherAccountId,
    teacher_name: recording.teacherName,
    subject: recording.subject,
    grade: recording.grade,
    started_at: recording.startedAt,
    ended_at: null,
    duration_ms: 0,
    size_bytes: 0,
    segment_count: 0,
    status: 'recording',
    stop_reason: null,
    started_by: recording.startedBy,
    dir: `${recording.lessonId}/${id}`,
    files,
    directed_status: 'waiting',
    directed_percent: 0,
    directed_eta_s: null,
    directed_bytes: null,
    directed_duration_ms: null,
    directed_error: null,
    directed_updated_at: null,
  };
  await db.insertInto('recording').values(row).execute();
  return row;
}

/** The recording of a lesson that is still running (or waiting for its lesson to reopen), if any. */
export async function runningRecording(db: Db, lessonId: string): Promise<RecordingRow | null> {
  return (await db.selectFrom('recording').selectAll().where('lesson_id', '=', lessonId).where('status', '=', 'recording').executeTakeFirst()) ?? null;
}

/** The lesson's latest recording, running or not. */
export async function latestRecording(db: Db, lessonId: string): Promise<RecordingRow | null> {
  return (await db.selectFrom('recording').selectAll().where('lesson_id', '=', lessonId).orderBy('started_at', 'desc').executeTakeFirst()) ?? null;
}

export async function recordingById(db: Db, id: string): Promise<RecordingRow | null> {
  return (await db.selectFrom('recording').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** A lesson's recordings, newest first (the library filters these further). */
export async function recordingsOfLesson(db: Db, lessonId: string): Promise<RecordingRow[]> {
  return db.selectFrom('recording').selectAll().where('lesson_id', '=', lessonId).orderBy('started_at', 'desc').execute();
}

/** What the segments written so far add up to. */
export async function updateRecordingTotals(db: Db, id: string, totals: { durationMs: number; sizeBytes: number; segmentCount: number; files: string }): Promise<void> {
  await db
    .updateTable('recording')
    .set({ duration_ms: totals.durationMs, size_bytes: totals.sizeBytes, segment_count: totals.segmentCount, files: totals.files })
    .where('id', '=', id)
    .execute();
}

/** Ends a recording: `complete` at 下课, `stopped` by the teacher or a disk alarm. */
export async function finishRecording(db: Db, id: string, status: 'complete' | 'stopped', reason: string, endedAt: number): Promise<void> {
  await db.updateTable('recording').set({ status, stop_reason: reason, ended_at: endedAt }).where('id', '=', id).where('status', '=', 'recording').execute();
}

/**
 * Whether a lesson records by itself from 开始上课: its own setting, or else
 * its host school's; with the facts a recording row keeps of its lesson.
 */
export async function recordingSetting(db: Db, lessonId: string): Promise<{ autoRecord: boolean; lesson: Omit<NewRecording, 'startedAt' | 'startedBy'> } | null> {
  const row = await db
    .selectFrom('lesson')
    .innerJoin('classroom', 'classroom.id', 'lesson.host_classroom_id')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(['lesson.id', 'lesson.title', 'lesson.teacher_account_id', 'lesson.teacher_name', 'lesson.subject', 'lesson.grade', 'lesson.record', 'school.id as school_id', 'school.record_lessons'])
    .where('lesson.id', '=', lessonId)
    .executeTakeFirst();
  if (!row) return null;
  const paired = await db
    .selectFrom('lesson_classroom')
    .innerJoin('classroom', 'classroom.id', 'lesson_classroom.classroom_id')
    .select('classroom.school_id')
    .where('lesson_classroom.lesson_id', '=', lessonId)
    .execute();
  const schoolIds = [...new Set([row.school_id, ...paired.map((p) => p.school_id).sort()])];
  return {
    autoRecord: row.record === null ? row.record_lessons === 1 : row.record === 1,
    lesson: {
      lessonId: row.id,
      title: row.title,
      hostSchoolId: row.school_id,
      schoolIds,
      teacherAccountId: row.teacher_account_id,
      teacherName: row.teacher_name,
      subject: row.subject,
      grade: row.grade,
    },
  };
}
