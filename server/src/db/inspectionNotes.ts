import type { InspectionNote } from '@shared';
import { lessonSpan } from './comments.js';
import type { Db } from './database.js';
import { newId } from './ids.js';

/** 巡课记录 in SQL: the notes inspecting admins left about a lesson, oldest first. */

export async function addInspectionNote(db: Db, note: { lessonId: string; authorId: string; authorName: string; at: number; text: string }): Promise<InspectionNote> {
  const row = { id: newId('in'), lesson_id: note.lessonId, author_id: note.authorId, author_name: note.authorName, at: note.at, text: note.text };
  await db.insertInto('inspection_note').values(row).execute();
  return toNote(row, (await lessonSpan(db, note.lessonId)).startedAt);
}

export async function inspectionNotesOf(db: Db, lessonId: string): Promise<InspectionNote[]> {
  const rows = await db.selectFrom('inspection_note').selectAll().where('lesson_id', '=', lessonId).orderBy('at').execute();
  const start = (await lessonSpan(db, lessonId)).startedAt;
  return rows.map((row) => toNote(row, start));
}

function toNote(row: { id: string; lesson_id: string; author_name: string; at: number; text: string }, start: number | null): InspectionNote {
  const at = Number(row.at);
  return { id: row.id, lessonId: row.lesson_id, authorName: row.author_name, at, lessonMs: start !== null && at >= start ? at - start : null, text: row.text };
}
