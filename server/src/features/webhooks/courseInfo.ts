import type { Course } from '@shared';
import type { Db } from '../../db/database.js';
import { lessonPlan } from '../../db/lessonPlans.js';

/** A lesson as the pushes describe it (课程信息), or null if it is gone; with the bureau and schools its hooks are chosen by. */
export async function courseOf(db: Db, lessonId: string): Promise<{ course: Course; bureauId: string; schoolIds: string[] } | null> {
  const plan = await lessonPlan(db, lessonId);
  if (!plan) return null;
  const extra = await db.selectFrom('lesson').select(['subject', 'grade']).where('id', '=', lessonId).executeTakeFirst();
  const schools = new Map<string, string>([[plan.hostSchoolId, plan.hostSchoolName]]);
  for (const room of plan.classrooms) schools.set(room.schoolId, room.schoolName);
  const course: Course = {
    lessonId: plan.id,
    title: plan.title,
    subject: extra?.subject ?? null,
    grade: extra?.grade ?? null,
    teacher: { accountId: plan.teacherAccountId, name: plan.teacherName },
    hostSchool: { id: plan.hostSchoolId, name: plan.hostSchoolName },
    hostClassroom: { id: plan.hostClassroomId, name: plan.hostClassroomName },
    classrooms: plan.classrooms.map((c) => ({ id: c.classroomId, name: c.name, schoolId: c.schoolId, schoolName: c.schoolName })),
    schools: [...schools].map(([id, name]) => ({ id, name })),
    startsAt: plan.startsAt,
    endsAt: plan.endsAt,
  };
  return { course, bureauId: plan.bureauId, schoolIds: [...schools.keys()] };
}
