import type { Action, Me, PrincipalRole } from '@shared';
import type { Db } from '../db/database.js';

/** Whoever a session belongs to, as every permission check sees them. */
export interface Principal {
  kind: 'account' | 'terminal' | 'guest' | 'apiKey';
  /** The account's, terminal's or guest link's id. */
  id: string;
  role: PrincipalRole;
  name: string;
  bureauId: string | null;
  schoolId: string | null;
  schoolName: string | null;
  /** A terminal's classroom. */
  classroomId: string | null;
  /** A guest's one lesson. */
  lessonId: string | null;
  /** What a guest link grants beyond receiving. */
  rights: readonly string[];
  mustChangePassword: boolean;
  /** An API key's: only these actions of its role (null: every action the role has in the table). */
  scopes: readonly Action[] | null;
  /** The session's id (an API key's own id: it has no session). */
  sessionId: string;
}

/** Whoever signs in and holds a session (an API key has none). */
export type SessionKind = Exclude<Principal['kind'], 'apiKey'>;

export const meOf = (p: Principal): Me => ({
  kind: p.kind,
  id: p.id,
  role: p.role,
  name: p.name,
  bureauId: p.bureauId,
  schoolId: p.schoolId,
  schoolName: p.schoolName,
  classroomId: p.classroomId,
  lessonId: p.lessonId,
  mustChangePassword: p.mustChangePassword,
});

/**
 * Loads the principal of a session, or null when it may no longer act: a
 * disabled account, a revoked terminal, a withdrawn or expired guest link.
 */
export async function loadPrincipal(db: Db, kind: SessionKind, id: string, sessionId: string, now = Date.now()): Promise<Principal | null> {
  const base = { sessionId, rights: [] as string[], mustChangePassword: false, classroomId: null, lessonId: null, scopes: null };
  if (kind === 'account') {
    const row = await db
      .selectFrom('account')
      .leftJoin('school', 'school.id', 'account.school_id')
      .select(['account.id', 'account.role', 'account.name', 'account.bureau_id', 'account.school_id', 'school.name as school_name', 'account.disabled_at', 'account.must_change_password'])
      .where('account.id', '=', id)
      .executeTakeFirst();
    if (!row || row.disabled_at !== null) return null;
    return {
      ...base,
      kind,
      id: row.id,
      role: row.role as PrincipalRole,
      name: row.name,
      bureauId: row.bureau_id,
      schoolId: row.school_id,
      schoolName: row.school_name ?? null,
      mustChangePassword: row.must_change_password === 1,
    };
  }
  if (kind === 'terminal') {
    const row = await db
      .selectFrom('terminal')
      .innerJoin('classroom', 'classroom.id', 'terminal.classroom_id')
      .innerJoin('school', 'school.id', 'classroom.school_id')
      .select(['terminal.id', 'terminal.revoked_at', 'classroom.id as classroom_id', 'classroom.name as classroom_name', 'school.id as school_id', 'school.name as school_name', 'school.bureau_id'])
      .where('terminal.id', '=', id)
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return null;
    return {
      ...base,
      kind,
      id: row.id,
      role: 'terminal',
      name: `${row.school_name} · ${row.classroom_name}`,
      bureauId: row.bureau_id,
      schoolId: row.school_id,
      schoolName: row.school_name,
      classroomId: row.classroom_id,
    };
  }
  const row = await db
    .selectFrom('guest_link')
    .innerJoin('lesson', 'lesson.id', 'guest_link.lesson_id')
    .innerJoin('classroom', 'classroom.id', 'lesson.host_classroom_id')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(['guest_link.id', 'guest_link.name', 'guest_link.rights', 'guest_link.expires_at', 'guest_link.withdrawn_at', 'lesson.id as lesson_id', 'school.id as school_id', 'school.name as school_name', 'school.bureau_id'])
    .where('guest_link.id', '=', id)
    .executeTakeFirst();
  if (!row || row.withdrawn_at !== null || row.expires_at <= now) return null;
  return {
    ...base,
    kind,
    id: row.id,
    role: 'guest',
    name: row.name,
    bureauId: row.bureau_id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    lessonId: row.lesson_id,
    rights: row.rights.split(',').filter(Boolean),
  };
}
