import { ErrorCode, LessonError } from '@shared';
import type { LessonPlan } from '../db/lessonPlans.js';
import type { Services } from '../features/context.js';
import { TimetableConflict } from './conflicts.js';
import { localParts } from './wallClock.js';

/**
 * 延长: moves a live lesson's end later, unless its teacher or one of its
 * classrooms has another lesson in that time (the message names it). The
 * scheduler then ends it at the new time.
 */
export async function extendLesson(services: Pick<Services, 'db' | 'live'>, plan: LessonPlan, minutes: number, timeZone: string): Promise<number> {
  if (plan.endsAt === null) throw new LessonError(ErrorCode.BadRequest, 'the lesson has no end time to extend');
  if ((await services.live.status(plan.id)) !== 'live') throw new LessonError(ErrorCode.BadRequest, 'only a lesson under way (开始上课) can be extended');
  const endsAt = plan.endsAt + minutes * 60_000;
  const rooms = [plan.hostClassroomId, ...plan.classrooms.map((c) => c.classroomId)];
  const { db } = services;
  const clash = await db
    .selectFrom('lesson')
    .select(['id', 'title', 'starts_at', 'ends_at'])
    .where('id', '!=', plan.id)
    .where('starts_at', '<', endsAt)
    .where('ends_at', '>', plan.endsAt)
    .where((eb) =>
      eb.or([
        ...(plan.teacherAccountId ? [eb('teacher_account_id', '=', plan.teacherAccountId)] : []),
        eb('host_classroom_id', 'in', rooms),
        eb('id', 'in', eb.selectFrom('lesson_classroom').select('lesson_id').where('classroom_id', 'in', rooms)),
      ]),
    )
    .orderBy('starts_at')
    .executeTakeFirst();
  if (clash) {
    const at = `${localParts(clash.starts_at!, timeZone).date} ${localParts(clash.starts_at!, timeZone).time}`;
    throw new TimetableConflict(`cannot extend: "${clash.title}" starts at ${at} with the same teacher or classroom`, `无法延长：「${clash.title}」${at} 开始，教师或教室相同`);
  }
  await db.updateTable('lesson').set({ ends_at: endsAt }).where('id', '=', plan.id).execute();
  return endsAt;
}
