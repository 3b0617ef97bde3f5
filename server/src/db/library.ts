import { sql, type Expression, type SqlBool } from 'kysely';
import type { LibraryQuery } from '@shared';
import type { Db } from './database.js';
import type { RecordingRow } from './recordings.js';

/*
 * 资源库: the recordings a library page may list, by who asks and what
 * they filter. Who may see what is decided by the caller (the permission
 * table's scope, turned into `Visible`); this module only turns it into SQL.
 */

/** A recording row with its host school's bureau. */
export type LibraryRow = RecordingRow & { bureau_id: string };

/**
 * What the asker may see: recordings hosted by one of `hostSchoolIds`, or
 * that any of `memberSchoolIds` took part in. Both empty: nothing.
 */
export interface Visible {
  hostSchoolIds: readonly string[];
  memberSchoolIds: readonly string[];
}

/** At most this many recordings per search, newest first. */
const LIMIT = 500;

/** `%text%` for LIKE, the text's own wildcards taken literally. */
const contains = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The recordings `visible` allows that pass every filter except the free text (the caller matches that on titles). */
export async function searchRecordings(db: Db, visible: Visible, filters: Omit<LibraryQuery, 'q'> = {}): Promise<LibraryRow[]> {
  if (visible.hostSchoolIds.length === 0 && visible.memberSchoolIds.length === 0) return [];
  let query = db
    .selectFrom('recording')
    .innerJoin('school', 'school.id', 'recording.host_school_id')
    .selectAll('recording')
    .select('school.bureau_id')
    .where((eb) => {
      const either: Expression<SqlBool>[] = [];
      if (visible.hostSchoolIds.length) either.push(eb('recording.host_school_id', 'in', [...visible.hostSchoolIds]));
      for (const id of visible.memberSchoolIds) either.push(memberOf(id));
      return eb.or(either);
    });
  if (filters.subject) query = query.where('recording.subject', '=', filters.subject);
  if (filters.grade) query = query.where('recording.grade', '=', filters.grade);
  if (filters.school) query = query.where(memberOf(filters.school));
  if (filters.teacher) {
    const teacher = filters.teacher;
    // lower() on both sides: SQLite's like ignores ASCII case, PostgreSQL's does not; this reads the same on both.
    query = query.where((eb) => eb.or([eb('recording.teacher_account_id', '=', teacher), sql<SqlBool>`lower(recording.teacher_name) like lower(${contains(teacher)}) escape '\\'`]));
  }
  if (filters.from !== undefined) query = query.where('recording.started_at', '>=', filters.from);
  if (filters.to !== undefined) query = query.where('recording.started_at', '<=', filters.to);
  return query.orderBy('recording.started_at', 'desc').limit(LIMIT).execute();
}

/** Whether a school took part in the recording's lesson (`school_ids` is a comma-separated list; portable SQL). */
const memberOf = (schoolId: string) => sql<SqlBool>`(',' || recording.school_ids || ',') like ${contains(`,${schoolId},`)} escape '\\'`;

/** One recording with its bureau. */
export async function libraryRecording(db: Db, id: string): Promise<LibraryRow | null> {
  return (
    (await db
      .selectFrom('recording')
      .innerJoin('school', 'school.id', 'recording.host_school_id')
      .selectAll('recording')
      .select('school.bureau_id')
      .where('recording.id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

/** The names of these schools, by id. */
export async function schoolNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('school').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Classroom and school names of these classrooms, for chapter labels. */
export async function classroomNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('classroom')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(['classroom.id', 'classroom.name', 'school.name as school_name'])
    .where('classroom.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.school_name} · ${r.name}`]));
}
