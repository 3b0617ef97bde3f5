import { ErrorCode, LessonError, scopeOf, type Action } from '@shared';
import type { LessonPlan } from '../db/lessonPlans.js';
import type { Principal } from './principal.js';

/** What a permission's scope is checked against: where the thing acted on belongs. */
export interface Target {
  bureauId?: string | null;
  /** The school(s) it belongs to; a lesson: its host school and its classrooms' schools. */
  schoolIds?: readonly string[];
  classroomId?: string | null;
  /** Whose own it is (a lesson's teacher, an account itself). */
  ownerId?: string | null;
  lessonId?: string | null;
}

/**
 * Whether `principal` may do `action` to `target`, by the one permission
 * table (shared/src/permissions.ts). Every scope also requires the same
 * bureau, so nothing crosses from one bureau to another.
 */
export function can(principal: Principal, action: Action, target: Target): boolean {
  const scope = scopeOfPrincipal(principal, action);
  if (!scope) return false;
  if (target.bureauId !== undefined && target.bureauId !== principal.bureauId) return false;
  switch (scope) {
    case 'bureau':
      return target.bureauId !== undefined && target.bureauId === principal.bureauId;
    case 'school':
      return principal.schoolId !== null && (target.schoolIds ?? []).includes(principal.schoolId);
    case 'classroom':
      return principal.classroomId !== null && target.classroomId === principal.classroomId;
    case 'self':
      return target.ownerId === principal.id;
    case 'lesson':
      return principal.lessonId !== null && target.lessonId === principal.lessonId;
  }
}

/** The principal's scope for an action: its role's in the table, and for an API key none outside its scopes. */
function scopeOfPrincipal(principal: Principal, action: Action) {
  if (principal.scopes && !principal.scopes.includes(action)) return null;
  // A broadcast's ticket (观众) lets its holder watch, nothing else a guest may (comment, score, observe).
  if (principal.rights.includes('viewer') && action !== 'lesson.view') return null;
  return scopeOf(action, principal.role);
}

/** Whether the principal may do the action anywhere at all (the first check of every route and request). */
export const mayAtAll = (principal: Principal, action: Action): boolean => scopeOfPrincipal(principal, action) !== null;

/** Throws FORBIDDEN unless `can`. */
export function demand(principal: Principal, action: Action, target: Target): void {
  if (!can(principal, action, target)) throw new LessonError(ErrorCode.Forbidden, `not allowed: ${action}`);
}

/** Where a lesson belongs, for permission scopes: its bureau, its host and paired schools, its teacher. */
export const lessonTarget = (plan: LessonPlan): Target => ({
  bureauId: plan.bureauId,
  schoolIds: [...new Set([plan.hostSchoolId, ...plan.classrooms.map((c) => c.schoolId)])],
  ownerId: plan.teacherAccountId,
  lessonId: plan.id,
});
