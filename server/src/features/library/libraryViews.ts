import type { Clip, LibraryRecording } from '@shared';
import type { ClipRow } from '../../db/clips.js';
import type { LibraryRow } from '../../db/library.js';
import { directedViewOf } from './directedView.js';

/** A recording row's schools, host first. */
export const schoolIdsOf = (row: Pick<LibraryRow, 'school_ids'>): string[] => row.school_ids.split(',').filter(Boolean);

/** A recording as the library lists it. */
export function recordingView(row: LibraryRow, names: ReadonlyMap<string, string>, clipCount: number, recordingsDir: string): LibraryRecording {
  return {
    kind: 'recording',
    id: row.id,
    lessonId: row.lesson_id,
    title: row.title,
    subject: row.subject,
    grade: row.grade,
    teacherAccountId: row.teacher_account_id,
    teacherName: row.teacher_name,
    bureauId: row.bureau_id,
    hostSchoolId: row.host_school_id,
    schools: schoolIdsOf(row).map((id) => ({ id, name: names.get(id) ?? id })),
    startedAt: row.started_at,
    durationMs: Number(row.duration_ms),
    sizeBytes: Number(row.size_bytes),
    status: row.status,
    directed: directedViewOf(row, recordingsDir),
    clipCount,
  };
}

/** A micro-lesson as the library lists it, with its recording's facts. */
export function clipView(clip: ClipRow, recording: LibraryRow, names: ReadonlyMap<string, string>): Clip {
  return {
    kind: 'clip',
    id: clip.id,
    recordingId: clip.recording_id,
    title: clip.title,
    description: clip.description,
    inMs: Number(clip.in_ms),
    outMs: Number(clip.out_ms),
    method: clip.method,
    status: clip.status,
    progress: clip.progress,
    durationMs: clip.duration_ms === null ? null : Number(clip.duration_ms),
    sizeBytes: Number(clip.size_bytes),
    createdBy: clip.created_by,
    createdByName: clip.created_by_name,
    createdAt: Number(clip.created_at),
    subject: recording.subject,
    grade: recording.grade,
    teacherName: recording.teacher_name,
    bureauId: recording.bureau_id,
    hostSchoolId: recording.host_school_id,
    schools: schoolIdsOf(recording).map((id) => ({ id, name: names.get(id) ?? id })),
  };
}

/** Whether a text matches the free-text search (case-insensitive, anywhere). */
export const matchesText = (q: string | undefined, ...texts: string[]): boolean => !q || texts.some((t) => t.toLowerCase().includes(q.toLowerCase()));
