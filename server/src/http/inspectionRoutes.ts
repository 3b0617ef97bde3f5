import { z } from 'zod';
import {
  ErrorCode,
  INSPECTION_PAGE_SIZE,
  inspectionNoteSchema,
  inspectionPageQuerySchema,
  inspectionPageSchema,
  LessonError,
  newInspectionNoteSchema,
  type InspectedLesson,
  type NewInspectionNote,
} from '@shared';
import { can, lessonTarget } from '../auth/can.js';
import { lessonSpan } from '../db/comments.js';
import { addInspectionNote, inspectionNotesOf } from '../db/inspectionNotes.js';
import { lessonPlan } from '../db/lessonPlans.js';
import type { ApiRoute } from './apiRoute.js';
import { routeLesson } from './routeLesson.js';

/**
 * 在线巡课 over REST: the page of live lessons the admin may inspect, and
 * the notes inspectors leave about a lesson. Watching itself goes over
 * signalling (join as `inspector`). "Live" is 上课中 on this server: a
 * lesson waiting for its 开始上课 is not on the grid, nor one that ended.
 * Pages hold INSPECTION_PAGE_SIZE lessons, the longest running first, so a
 * lesson that starts meanwhile goes to the last page and does not shift the
 * tiles the admin is looking at.
 */
const inspectionLessons: ApiRoute = {
  method: 'get',
  path: '/inspection/lessons',
  action: 'inspection.watch',
  summary: 'The live lessons in scope for the inspection grid (在线巡课), a page at a time, longest running first.',
  query: inspectionPageQuerySchema,
  response: inspectionPageSchema,
  async run({ services, principal, query }) {
    const parsed = inspectionPageQuerySchema.safeParse(query);
    if (!parsed.success) throw new LessonError(ErrorCode.BadRequest, 'page is a whole number from 1');
    const { page } = parsed.data;
    const rows: InspectedLesson[] = [];
    for (const lesson of await services.lessons.openLessons()) {
      if (lesson.status !== 'live') continue;
      const plan = await lessonPlan(services.db, lesson.record.id);
      if (!plan || !can(principal, 'inspection.watch', lessonTarget(plan))) continue;
      const present = new Set(lesson.visibleParticipants().flatMap((p) => (p.view.role === 'classroom' && p.view.classroomId ? [p.view.classroomId] : [])));
      rows.push({
        lessonId: plan.id,
        title: plan.title,
        teacherName: plan.teacherName,
        hostSchoolName: plan.hostSchoolName,
        schoolIds: [...(lessonTarget(plan).schoolIds ?? [])],
        classroomsExpected: plan.classrooms.length,
        classroomsPresent: plan.classrooms.filter((c) => present.has(c.classroomId)).length,
        startedAt: (await lessonSpan(services.db, plan.id)).startedAt,
      });
    }
    rows.sort((a, b) => (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity) || a.lessonId.localeCompare(b.lessonId));
    const from = (page - 1) * INSPECTION_PAGE_SIZE;
    return inspectionPageSchema.parse({ lessons: rows.slice(from, from + INSPECTION_PAGE_SIZE), total: rows.length, page, pageSize: INSPECTION_PAGE_SIZE });
  },
};

export const inspectionRoutes: readonly ApiRoute[] = [
  inspectionLessons,
  {
    method: 'get',
    path: '/lessons/:id/inspection-notes',
    action: 'inspection.watch',
    summary: "A lesson's inspection notes (巡课记录), oldest first.",
    response: z.array(inspectionNoteSchema),
    async run(call) {
      const plan = await routeLesson(call, 'inspection.watch');
      return inspectionNotesOf(call.services.db, plan.id);
    },
  },
  {
    method: 'post',
    path: '/lessons/:id/inspection-notes',
    action: 'inspection.watch',
    summary: 'Leave an inspection note about a lesson, stamped with the time it is written.',
    body: newInspectionNoteSchema,
    response: inspectionNoteSchema,
    async run(call) {
      const plan = await routeLesson(call, 'inspection.watch');
      const { text } = call.body as NewInspectionNote;
      return addInspectionNote(call.services.db, { lessonId: plan.id, authorId: call.principal.id, authorName: call.principal.name, at: Date.now(), text });
    },
  },
];
