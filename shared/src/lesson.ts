import { z } from 'zod';

/**
 * Who a connection is in the lesson. An observer (听课) only receives, and
 * only the teacher's observer list shows it; an inspector (巡课: a bureau's
 * or school's admin at the inspection grid) only receives and nobody in the
 * lesson sees it at all. A viewer (观众: a broadcast's audience, by the
 * thousand) only receives; the teacher sees how many there are, never who.
 */
export const roleSchema = z.enum(['teacher', 'classroom', 'observer', 'inspector', 'viewer']);
export type Role = z.infer<typeof roleSchema>;

/** Roles nobody else in the lesson sees in a list, a count, a tile or a notice. */
export const isHiddenRole = (role: Role): boolean => role === 'observer' || role === 'inspector' || role === 'viewer';

/** 未开始 → 上课中 → 已下课; a lesson can be started again after it ended. */
export const lessonStatusSchema = z.enum(['waiting', 'live', 'ended']);
export type LessonStatus = z.infer<typeof lessonStatusSchema>;

/** A person or classroom in the lesson, as everyone sees it. */
export interface Participant {
  /**
   * `teacher`, `classroom:<classroomId>`, `observer:<principal id>` or `inspector:<principal id>`: stable across reloads and devices,
   * so a returning classroom takes its place again.
   */
  id: string;
  role: Role;
  classroomId: string | null;
  /** Display name, e.g. "山坪村小学 · 四年级(1)班". */
  name: string;
  schoolName: string;
  joinedAt: number;
}

/**
 * How long a participant whose connection dropped keeps its place (its
 * media, hand, floor) for a resumeLesson. Long enough for a school's DSL
 * line to come back or a 4G router to re-attach (10–20 s in the field), short
 * enough that a classroom that really left does not linger on the others'
 * screens as 正在重新连接… for long.
 */
export const RESUME_GRACE_MS = 30_000;

/** The lesson as shown to a participant. */
export interface LessonView {
  id: string;
  title: string;
  teacherName: string;
  status: LessonStatus;
}

/** Identifiers: short, URL-safe, never a path. */
export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -');
