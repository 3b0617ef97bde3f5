import type { Generated } from 'kysely';

/** Durable records (SQL). Live state — who is in, hands, floor — is in Redis, not here. */
export interface Database {
  school: { id: string; name: string; kind: 'support' | 'receiving' };
  classroom: { id: string; school_id: string; name: string };
  lesson: {
    id: string;
    title: string;
    teacher_name: string;
    /** The support school's classroom the teacher teaches from. */
    host_classroom_id: string;
    teacher_key: string;
    created_at: number;
  };
  lesson_classroom: { lesson_id: string; classroom_id: string; join_key: string };
  /** One row per 开始上课 … 下课, for timetables and recordings later. */
  /** A classroom terminal's corrected device mapping: which camera or microphone is which, by device label. */
  device_mapping: { classroom_id: string; device_label: string; source: string };
  lesson_session: { id: Generated<number>; lesson_id: string; started_at: number; ended_at: number | null };
}
