import { ErrorCode, LessonError, scopeOf } from '@shared';
import { demand, type Target } from '../auth/can.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/database.js';
import { clipById, type ClipRow } from '../db/clips.js';
import { libraryRecording, type LibraryRow, type Visible } from '../db/library.js';
import { pairedSchools, schools } from '../db/organisation.js';
import { schoolIdsOf } from '../features/library/libraryViews.js';
import { bureauOf } from './scopes.js';

/*
 * 资源库 scopes (`recording.view`): a recording belongs to its bureau, to
 * every school of its lesson and to the schools paired with its host, so a
 * school (its admin, teachers, assistants) sees its own lessons and its
 * pairings', a bureau all of its schools'. Cutting a micro-lesson
 * (`recording.clip`) belongs to the host school and the lesson's teacher.
 */

/** Where a recording belongs, for `recording.view`. */
export async function recordingTarget(db: Db, row: LibraryRow): Promise<Target> {
  return { bureauId: row.bureau_id, schoolIds: [...new Set([...schoolIdsOf(row), ...(await pairedSchools(db, row.host_school_id))])], ownerId: row.teacher_account_id, lessonId: row.lesson_id };
}

/** Where cutting a recording belongs, for `recording.clip`. */
export const clipTarget = (row: LibraryRow, owner: string | null): Target => ({ bureauId: row.bureau_id, schoolIds: [row.host_school_id], ownerId: owner });

/** What a principal's library lists: the table's scope of `recording.view` as SQL filters. */
export async function visibleTo(db: Db, principal: Principal): Promise<Visible> {
  const scope = scopeOf('recording.view', principal.role);
  if (scope === 'bureau') return { hostSchoolIds: (await schools(db, bureauOf(principal))).map((s) => s.id), memberSchoolIds: [] };
  if (scope === 'school' && principal.schoolId) return { hostSchoolIds: await pairedSchools(db, principal.schoolId), memberSchoolIds: [principal.schoolId] };
  return { hostSchoolIds: [], memberSchoolIds: [] };
}

/** The recording of an id if the principal may see it; NOT_FOUND / FORBIDDEN otherwise. */
export async function viewableRecording(db: Db, principal: Principal, id: string): Promise<LibraryRow> {
  const row = await libraryRecording(db, id);
  if (!row) throw new LessonError(ErrorCode.NotFound, 'no such recording');
  demand(principal, 'recording.view', await recordingTarget(db, row));
  return row;
}

/** A clip and its recording if the principal may see it. */
export async function viewableClip(db: Db, principal: Principal, id: string): Promise<{ clip: ClipRow; recording: LibraryRow }> {
  const clip = await clipById(db, id);
  if (!clip) throw new LessonError(ErrorCode.NotFound, 'no such micro-lesson');
  return { clip, recording: await viewableRecording(db, principal, clip.recording_id) };
}
