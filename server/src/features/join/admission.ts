import { ErrorCode, LessonError, type Role } from '@shared';
import { demand, lessonTarget } from '../../auth/can.js';
import type { Principal } from '../../auth/principal.js';
import { lessonPlan, type LessonPlan } from '../../db/lessonPlans.js';
import type { Db } from '../../db/database.js';

/** Who a session joins a lesson as: its stable participant id, its classroom and how others see it. */
export interface Admission {
  plan: LessonPlan;
  participantId: string;
  role: Role;
  /** The classroom it is (the host classroom for the teacher); null for an observer or an inspector. */
  classroomId: string | null;
  name: string;
  schoolName: string;
}

/**
 * Decides, by the permission table, whether this session may join this
 * lesson in this role: only the lesson's own teacher teaches it (so a
 * replaced teacher page is always the same person on another device), a
 * classroom is joined by its terminal or an assistant teacher of its school,
 * observers and inspectors only receive. Anything else is FORBIDDEN, before the lesson
 * is touched.
 */
export async function admission(db: Db, principal: Principal, lessonId: string, role: Role, classroomId: string | undefined): Promise<Admission> {
  const plan = await lessonPlan(db, lessonId);
  if (!plan) throw new LessonError(ErrorCode.NotFound, 'no such lesson');
  if (role === 'teacher') {
    demand(principal, 'lesson.teach', lessonTarget(plan));
    return { plan, participantId: 'teacher', role, classroomId: plan.hostClassroomId, name: `${plan.teacherName} · ${plan.hostClassroomName}`, schoolName: plan.hostSchoolName };
  }
  if (role === 'classroom') {
    if (!classroomId) throw new LessonError(ErrorCode.BadRequest, 'classroomId is required for a classroom');
    const classroom = classroomOf(plan, classroomId);
    demand(principal, 'lesson.joinAsClassroom', { bureauId: plan.bureauId, schoolIds: [classroom.schoolId], classroomId: classroom.classroomId });
    return {
      plan,
      participantId: `classroom:${classroom.classroomId}`,
      role,
      classroomId: classroom.classroomId,
      name: `${classroom.schoolName} · ${classroom.name}`,
      schoolName: classroom.schoolName,
    };
  }
  if (role === 'viewer') {
    // 观众: one place per session (a broadcast's audience shares one ticket), counted, never listed.
    demand(principal, 'lesson.view', lessonTarget(plan));
    return { plan, participantId: `viewer:${principal.sessionId}`, role, classroomId: null, name: principal.name, schoolName: principal.schoolName ?? '' };
  }
  // A broadcast's ticket makes viewers only: its holders never show in the teacher's observer list.
  if (principal.rights.includes('viewer')) throw new LessonError(ErrorCode.Forbidden, "a broadcast's viewer joins as a viewer");
  if (role === 'inspector') {
    // 巡课: the admin's own place per lesson, apart from her observer place (听课 of the same lesson stays possible).
    demand(principal, 'inspection.watch', lessonTarget(plan));
    return { plan, participantId: `inspector:${principal.id}`, role, classroomId: null, name: principal.name, schoolName: principal.schoolName ?? '' };
  }
  demand(principal, 'lesson.observe', lessonTarget(plan));
  return { plan, participantId: `observer:${principal.id}`, role, classroomId: null, name: principal.name, schoolName: principal.schoolName ?? '' };
}

/** A classroom of the lesson; one that is not in it is FORBIDDEN (not NOT_FOUND: nothing about other lessons leaks). */
export function classroomOf(plan: LessonPlan, classroomId: string): LessonPlan['classrooms'][number] {
  const classroom = plan.classrooms.find((c) => c.classroomId === classroomId);
  if (!classroom) throw new LessonError(ErrorCode.Forbidden, 'this classroom is not in this lesson');
  return classroom;
}
