import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './database.js';

/** A new secret for a link: 128 bits, URL-safe. */
export const newLinkKey = (): string => randomBytes(16).toString('base64url');

/** Who a link opens, looked up from its lesson and key. */
export interface LinkHolder {
  lessonId: string;
  lessonTitle: string;
  teacherName: string;
  /** The classroom: the host classroom for the teacher. */
  classroomId: string;
  classroomName: string;
  schoolName: string;
}

/** Finds the lesson for the teacher's link, or null when the lesson or key does not match. */
export async function findTeacherLink(db: Db, lessonId: string, key: string): Promise<LinkHolder | null> {
  const row = await db
    .selectFrom('lesson')
    .innerJoin('classroom', 'classroom.id', 'lesson.host_classroom_id')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(['lesson.id', 'lesson.title', 'lesson.teacher_name', 'lesson.teacher_key', 'classroom.id as classroom_id',
      'classroom.name as classroom_name', 'school.name as school_name'])
    .where('lesson.id', '=', lessonId)
    .executeTakeFirst();
  if (!row || !sameKey(row.teacher_key, key)) return null;
  return holder(row);
}

/** Finds the lesson and classroom for a classroom's link, or null when they do not match. */
export async function findClassroomLink(db: Db, lessonId: string, classroomId: string, key: string): Promise<LinkHolder | null> {
  const row = await db
    .selectFrom('lesson_classroom')
    .innerJoin('lesson', 'lesson.id', 'lesson_classroom.lesson_id')
    .innerJoin('classroom', 'classroom.id', 'lesson_classroom.classroom_id')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(['lesson.id', 'lesson.title', 'lesson.teacher_name', 'lesson_classroom.join_key', 'classroom.id as classroom_id',
      'classroom.name as classroom_name', 'school.name as school_name'])
    .where('lesson_classroom.lesson_id', '=', lessonId)
    .where('lesson_classroom.classroom_id', '=', classroomId)
    .executeTakeFirst();
  if (!row || !sameKey(row.join_key, key)) return null;
  return holder(row);
}

function holder(row: { id: string; title: string; teacher_name: string; classroom_id: string; classroom_name: string; school_name: string }): LinkHolder {
  return {
    lessonId: row.id,
    lessonTitle: row.title,
    teacherName: row.teacher_name,
    classroomId: row.classroom_id,
    classroomName: row.classroom_name,
    schoolName: row.school_name,
  };
}

/** Compares keys in constant time so a wrong key reveals nothing about the right one. */
function sameKey(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Records 开始上课 (a new session) or 下课 (closes the open session). */
export async function recordLessonStatus(db: Db, lessonId: string, status: 'live' | 'ended', at: number): Promise<void> {
  if (status === 'live') {
    await db.insertInto('lesson_session').values({ lesson_id: lessonId, started_at: at, ended_at: null }).execute();
  } else {
    await db.updateTable('lesson_session').set({ ended_at: at }).where('lesson_id', '=', lessonId).where('ended_at', 'is', null).execute();
  }
}
