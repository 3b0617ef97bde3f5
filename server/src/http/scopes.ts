import { z } from 'zod';
import { ErrorCode, idSchema, LessonError, scopeOf, type Action } from '@shared';
import { demand } from '../auth/can.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/database.js';
import { classroom, pairedSchools, school, schools } from '../db/organisation.js';

/** The query of a list that may be narrowed to one school (`?schoolId=`). */
export const schoolQuery = z.object({ schoolId: idSchema.optional() });

/** The principal's bureau; every principal that reaches an admin route has one. */
export function bureauOf(principal: Principal): string {
  if (!principal.bureauId) throw new LessonError(ErrorCode.Forbidden, 'no bureau');
  return principal.bureauId;
}

/** The schools whose records an action's list shows this principal: the bureau's, or its own school's (a teacher's classrooms: also the paired schools'). */
export async function schoolsInScope(db: Db, principal: Principal, action: Action, only?: string): Promise<string[]> {
  const scope = scopeOf(action, principal.role);
  let ids: string[];
  if (scope === 'bureau') ids = (await schools(db, bureauOf(principal))).map((s) => s.id);
  else if (scope === 'school' && principal.schoolId) ids = [principal.schoolId];
  else ids = [];
  if (principal.role === 'teacher' && principal.schoolId && action === 'classroom.read') {
    ids = [principal.schoolId, ...(await pairedSchools(db, principal.schoolId))];
  }
  return only ? ids.filter((id) => id === only) : ids;
}

/** A school the principal may act on with `action`, or NOT_FOUND / FORBIDDEN. */
export async function schoolFor(db: Db, principal: Principal, action: Action, schoolId: string) {
  const found = await school(db, schoolId);
  if (!found) throw new LessonError(ErrorCode.NotFound, 'no such school');
  demand(principal, action, { bureauId: found.bureauId, schoolIds: [found.id] });
  return found;
}

/** A classroom the principal may act on with `action`. */
export async function classroomFor(db: Db, principal: Principal, action: Action, classroomId: string) {
  const found = await classroom(db, classroomId);
  if (!found) throw new LessonError(ErrorCode.NotFound, 'no such classroom');
  demand(principal, action, { bureauId: found.bureauId, schoolIds: [found.schoolId], classroomId: found.id });
  return found;
}

export const queryString = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : undefined);

/** What a list of hooks or keys shows: a bureau admin the bureau's, anyone else only her school's. */
export const ownListFilter = (principal: Principal): { bureauId: string; schoolId?: string } => ({
  bureauId: bureauOf(principal),
  ...(principal.role === 'bureauAdmin' ? {} : { schoolId: principal.schoolId ?? '-' }),
});

/**
 * The school a new hook or key belongs to (null: the whole bureau), checked against `action`: a school admin's
 * is her school's unless she names one; only a bureau admin makes one for the whole bureau.
 */
export async function ownerSchool(db: Db, principal: Principal, action: Action, named: string | null | undefined): Promise<string | null> {
  const schoolId = named === undefined && principal.role !== 'bureauAdmin' ? principal.schoolId : (named ?? null);
  if (schoolId) await schoolFor(db, principal, action, schoolId);
  else demand(principal, action, { bureauId: bureauOf(principal) });
  return schoolId;
}
