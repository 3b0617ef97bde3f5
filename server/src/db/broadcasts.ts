import type { Broadcast, BroadcastState, NewBroadcast } from '@shared';
import type { Db } from './database.js';
import type { Database } from './schema.js';
import { newId } from './ids.js';

/** 名师直播: the broadcasts table (the workflow's rules are in shared/src/broadcasts.ts, not here). */

type Row = Database['broadcast'] & { school_name: string };

const ids = (list: string): string[] => list.split(',').filter(Boolean);

const view = (r: Row): Broadcast => ({
  id: r.id,
  bureauId: r.bureau_id,
  schoolId: r.school_id,
  schoolName: r.school_name,
  hostClassroomId: r.host_classroom_id,
  teacherAccountId: r.teacher_account_id,
  teacherName: r.teacher_name,
  title: r.title,
  subject: r.subject,
  grade: r.grade,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  audience: { public: r.audience_public === 1, schoolIds: ids(r.audience_school_ids), classroomIds: ids(r.audience_classroom_ids) },
  expectedViewers: r.expected_viewers,
  state: r.state as BroadcastState,
  reason: r.reason,
  lessonId: r.lesson_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const selected = (db: Db) => db.selectFrom('broadcast').innerJoin('school', 'school.id', 'broadcast.school_id').selectAll('broadcast').select('school.name as school_name');

/** Stores a new application (state `applied`). */
export async function createBroadcast(db: Db, value: NewBroadcast & { bureauId: string; schoolId: string; teacherAccountId: string; teacherName: string }): Promise<string> {
  const id = newId('bc');
  const now = Date.now();
  await db
    .insertInto('broadcast')
    .values({
      id,
      bureau_id: value.bureauId,
      school_id: value.schoolId,
      host_classroom_id: value.hostClassroomId,
      teacher_account_id: value.teacherAccountId,
      teacher_name: value.teacherName,
      title: value.title,
      subject: value.subject || null,
      grade: value.grade || null,
      starts_at: value.startsAt,
      ends_at: value.endsAt,
      audience_public: value.audience.public ? 1 : 0,
      audience_school_ids: [...new Set(value.audience.schoolIds)].join(','),
      audience_classroom_ids: [...new Set(value.audience.classroomIds)].join(','),
      expected_viewers: value.expectedViewers,
      state: 'applied',
      reason: null,
      lesson_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function broadcast(db: Db, id: string): Promise<Broadcast | null> {
  const row = await selected(db).where('broadcast.id', '=', id).executeTakeFirst();
  return row ? view(row) : null;
}

/** A bureau's broadcasts, or one teacher's; newest first. */
export async function broadcasts(db: Db, filter: { bureauId: string; teacherAccountId?: string }): Promise<Broadcast[]> {
  let query = selected(db).where('broadcast.bureau_id', '=', filter.bureauId);
  if (filter.teacherAccountId) query = query.where('broadcast.teacher_account_id', '=', filter.teacherAccountId);
  return (await query.orderBy('broadcast.created_at', 'desc').orderBy('broadcast.id', 'desc').execute()).map(view);
}

/** The public's broadcasts coming up and live (of one bureau, or every one), soonest first: never one in rehearsal. */
export async function publicBroadcasts(db: Db, bureauId?: string): Promise<Broadcast[]> {
  let query = selected(db).where('broadcast.audience_public', '=', 1).where('broadcast.state', 'in', ['scheduled', 'live']);
  if (bureauId) query = query.where('broadcast.bureau_id', '=', bureauId);
  return (await query.orderBy('broadcast.starts_at').orderBy('broadcast.id').execute()).map(view);
}

/**
 * Moves a broadcast from `from` to `to` (with a reason, a lesson, new times), only if it is still in `from`:
 * false when someone else moved it first, so two clicks at once never make two steps.
 */
export async function moveBroadcast(
  db: Db,
  id: string,
  from: BroadcastState,
  to: BroadcastState,
  change: { reason?: string; lessonId?: string; startsAt?: number; endsAt?: number } = {},
): Promise<boolean> {
  const result = await db
    .updateTable('broadcast')
    .set({
      state: to,
      updated_at: Date.now(),
      ...(change.reason !== undefined ? { reason: change.reason } : {}),
      ...(change.lessonId !== undefined ? { lesson_id: change.lessonId } : {}),
      ...(change.startsAt !== undefined ? { starts_at: change.startsAt } : {}),
      ...(change.endsAt !== undefined ? { ends_at: change.endsAt } : {}),
    })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
