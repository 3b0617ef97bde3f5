import type { LessonComment } from '@shared';
import type { Db } from './database.js';
import { newId } from './ids.js';

/** 评课意见, in SQL: every comment of a lesson, in lesson order. */

export interface NewComment {
  lessonId: string;
  authorId: string;
  authorName: string;
  at: number;
  text: string;
  during: 'live' | 'replay';
}

export async function addComment(db: Db, comment: NewComment): Promise<LessonComment> {
  const row = {
    id: newId('c'),
    lesson_id: comment.lessonId,
    author_id: comment.authorId,
    author_name: comment.authorName,
    at: comment.at,
    text: comment.text,
    during: comment.during,
    created_at: Date.now(),
  };
  await db.insertInto('lesson_comment').values(row).execute();
  return toComment(row, await lessonStart(db, comment.lessonId));
}

/** A lesson's comments in the order of the moments they are about. */
export async function commentsOf(db: Db, lessonId: string): Promise<LessonComment[]> {
  const rows = await db.selectFrom('lesson_comment').selectAll().where('lesson_id', '=', lessonId).orderBy('at').orderBy('created_at').execute();
  const start = await lessonStart(db, lessonId);
  return rows.map((row) => toComment(row, start));
}

/** The lesson's first 开始上课 and its last 下课 (null while it runs, or if it never started). */
export async function lessonSpan(db: Db, lessonId: string): Promise<{ startedAt: number | null; endedAt: number | null }> {
  const row = await db
    .selectFrom('lesson_session')
    .select((eb) => [eb.fn.min('started_at').as('first'), eb.fn.max('ended_at').as('last'), eb.fn.count<number>('id').as('sessions'), eb.fn.count<number>('ended_at').as('ended')])
    .where('lesson_id', '=', lessonId)
    .executeTakeFirst();
  const first = row?.first ?? null;
  const allEnded = row !== undefined && Number(row.sessions) > 0 && Number(row.sessions) === Number(row.ended);
  return { startedAt: first === null ? null : Number(first), endedAt: allEnded && row?.last !== null && row?.last !== undefined ? Number(row.last) : null };
}

const lessonStart = async (db: Db, lessonId: string): Promise<number | null> => (await lessonSpan(db, lessonId)).startedAt;

function toComment(row: { id: string; lesson_id: string; author_name: string; at: number; text: string; during: 'live' | 'replay'; created_at: number }, start: number | null): LessonComment {
  const at = Number(row.at);
  return {
    id: row.id,
    lessonId: row.lesson_id,
    authorName: row.author_name,
    at,
    lessonMs: start !== null && at >= start ? at - start : null,
    text: row.text,
    during: row.during,
    createdAt: Number(row.created_at),
  };
}
