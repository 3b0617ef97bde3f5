import type { LessonLinks, NewLesson } from '@shared';
import type { Db } from './database.js';
import { newLinkKey } from './lessonRecords.js';

/** Creates a lesson pairing the host classroom with receiving classrooms, each with its own secret link. */
export async function createLesson(db: Db, lesson: NewLesson): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('lesson')
      .values({
        id: lesson.id,
        title: lesson.title,
        teacher_name: lesson.teacherName,
        host_classroom_id: lesson.hostClassroomId,
        teacher_key: newLinkKey(),
        created_at: Date.now(),
      })
      .execute();
    for (const classroomId of lesson.classroomIds) {
      await tx.insertInto('lesson_classroom').values({ lesson_id: lesson.id, classroom_id: classroomId, join_key: newLinkKey() }).execute();
    }
  });
}

/** The addresses to open for a lesson, under the server's public base address. */
export async function lessonLinks(db: Db, lessonId: string, baseUrl: string): Promise<LessonLinks | null> {
  const lesson = await db.selectFrom('lesson').selectAll().where('id', '=', lessonId).executeTakeFirst();
  if (!lesson) return null;
  const classrooms = await db
    .selectFrom('lesson_classroom')
    .innerJoin('classroom', 'classroom.id', 'lesson_classroom.classroom_id')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(['classroom.id', 'classroom.name', 'school.name as school_name', 'lesson_classroom.join_key'])
    .where('lesson_classroom.lesson_id', '=', lessonId)
    .orderBy('classroom.id')
    .execute();
  const base = `${baseUrl}/lesson/${encodeURIComponent(lessonId)}`;
  return {
    lessonId,
    title: lesson.title,
    teacher: `${base}/teacher?key=${lesson.teacher_key}`,
    classrooms: classrooms.map((c) => ({
      classroomId: c.id,
      name: `${c.school_name} · ${c.name}`,
      url: `${base}/classroom/${encodeURIComponent(c.id)}?key=${c.join_key}`,
    })),
  };
}

/** The demo lesson "示范课": one city classroom and two paired rural classrooms, created on first start. */
export async function ensureDemoLesson(db: Db): Promise<void> {
  const existing = await db.selectFrom('lesson').select('id').where('id', '=', 'demo').executeTakeFirst();
  if (existing) return;
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('school')
      .values([
        { id: 'chengguan', name: '城关第一小学', kind: 'support' },
        { id: 'shanping', name: '山坪村小学', kind: 'receiving' },
        { id: 'hewan', name: '河湾乡中心小学', kind: 'receiving' },
      ])
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .insertInto('classroom')
      .values([
        { id: 'chengguan-4-1', school_id: 'chengguan', name: '四年级(1)班' },
        { id: 'shanping-4', school_id: 'shanping', name: '四年级' },
        { id: 'hewan-4-2', school_id: 'hewan', name: '四年级(2)班' },
      ])
      .onConflict((oc) => oc.doNothing())
      .execute();
  });
  await createLesson(db, {
    id: 'demo',
    title: '示范课',
    teacherName: '王老师',
    hostClassroomId: 'chengguan-4-1',
    classroomIds: ['shanping-4', 'hewan-4-2'],
  });
}
