import { z } from 'zod';

/*
 * 在线巡课: a bureau's or school's admin looks in on every live lesson in
 * scope as a grid of small pictures, hears only the one she selects, and may
 * watch one large and leave an inspection note. Nobody in the lessons sees
 * her (role `inspector`, see lesson.ts).
 */

/** Lessons per page of the grid: nine small pictures still fit a laptop's screen at 320×180 each. */
export const INSPECTION_PAGE_SIZE = 9;
export const MAX_INSPECTION_NOTE_LENGTH = 1000;

/** One live lesson as the grid shows it. */
export const inspectedLessonSchema = z.object({
  lessonId: z.string(),
  title: z.string(),
  teacherName: z.string(),
  hostSchoolName: z.string(),
  /** Its host school and its classrooms' schools. */
  schoolIds: z.array(z.string()),
  /** The lesson's classrooms other than the host's, and how many are in it now. */
  classroomsExpected: z.number(),
  classroomsPresent: z.number(),
  /** Its first 开始上课 (wall-clock ms). */
  startedAt: z.number().nullable(),
});
export type InspectedLesson = z.infer<typeof inspectedLessonSchema>;

export const inspectionPageSchema = z.object({
  lessons: z.array(inspectedLessonSchema),
  /** Live lessons in scope over all pages. */
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type InspectionPage = z.infer<typeof inspectionPageSchema>;

export const inspectionPageQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(1000).default(1) });

/** 巡课记录: a note an inspector leaves about a lesson, stamped with the moment she wrote it. */
export const inspectionNoteSchema = z.object({
  id: z.string(),
  lessonId: z.string(),
  authorName: z.string(),
  /** Wall-clock ms it was written. */
  at: z.number(),
  /** That moment counted from the lesson's first 开始上课; null if it had not started. */
  lessonMs: z.number().nullable(),
  text: z.string(),
});
export type InspectionNote = z.infer<typeof inspectionNoteSchema>;

export const newInspectionNoteSchema = z.object({ text: z.string().trim().min(1).max(MAX_INSPECTION_NOTE_LENGTH) }).strict();
export type NewInspectionNote = z.infer<typeof newInspectionNoteSchema>;
