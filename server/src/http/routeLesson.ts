import { ErrorCode, LessonError, type Action } from '@shared';
import { demand, lessonTarget, type Target } from '../auth/can.js';
import { lessonPlan, type LessonPlan } from '../db/lessonPlans.js';
import type { ApiCall } from './apiRoute.js';

/** The lesson a route names (`:id` by default), if the principal may do `action` to it; NOT_FOUND or FORBIDDEN otherwise. */
export async function routeLesson(call: ApiCall, action: Action, lessonId = call.params['id'] ?? '', targetOf: (plan: LessonPlan) => Target = lessonTarget): Promise<LessonPlan> {
  const plan = await lessonPlan(call.services.db, lessonId);
  if (!plan) throw new LessonError(ErrorCode.NotFound, 'no such lesson');
  demand(call.principal, action, targetOf(plan));
  return plan;
}
