import type { RubricCriterion, Scores } from '@shared';
import type { Db } from './database.js';
import { parseCriteria } from './rubrics.js';

/** 教学考评 in SQL: a lesson's scoring (a copy of its rubric's criteria) and one sheet per scorer. */

export interface ScoringRow {
  lessonId: string;
  rubricId: string;
  rubricName: string;
  criteria: RubricCriterion[];
  openedAt: number;
  closesAt: number | null;
  closedAt: number | null;
}

export interface SheetRow {
  scorerId: string;
  scorerName: string;
  scores: Scores;
  createdAt: number;
  updatedAt: number;
}

/** Open means not closed by hand and not past its closing time. */
export const isOpen = (scoring: ScoringRow, now = Date.now()): boolean => scoring.closedAt === null && (scoring.closesAt === null || now < scoring.closesAt);

export async function scoringOf(db: Db, lessonId: string): Promise<ScoringRow | null> {
  const row = await db.selectFrom('lesson_scoring').selectAll().where('lesson_id', '=', lessonId).executeTakeFirst();
  if (!row) return null;
  return {
    lessonId: row.lesson_id,
    rubricId: row.rubric_id,
    rubricName: row.rubric_name,
    criteria: parseCriteria(row.criteria),
    openedAt: Number(row.opened_at),
    closesAt: row.closes_at === null ? null : Number(row.closes_at),
    closedAt: row.closed_at === null ? null : Number(row.closed_at),
  };
}

/** Puts a lesson up for scoring (or opens it again with the same criteria, or new ones while nobody has scored). */
export async function openScoring(db: Db, lessonId: string, rubric: { id: string; name: string; criteria: RubricCriterion[] }, openedBy: string, closesAt: number | null): Promise<void> {
  const values = { rubric_id: rubric.id, rubric_name: rubric.name, criteria: JSON.stringify(rubric.criteria), opened_by: openedBy, opened_at: Date.now(), closes_at: closesAt, closed_at: null };
  await db
    .insertInto('lesson_scoring')
    .values({ lesson_id: lessonId, ...values })
    .onConflict((oc) => oc.column('lesson_id').doUpdateSet(values))
    .execute();
}

export async function closeScoring(db: Db, lessonId: string, at: number): Promise<void> {
  await db.updateTable('lesson_scoring').set({ closed_at: at }).where('lesson_id', '=', lessonId).where('closed_at', 'is', null).execute();
}

export async function sheetsOf(db: Db, lessonId: string): Promise<SheetRow[]> {
  const rows = await db.selectFrom('lesson_score').selectAll().where('lesson_id', '=', lessonId).orderBy('created_at').orderBy('scorer_id').execute();
  return rows.map((row) => ({ scorerId: row.scorer_id, scorerName: row.scorer_name, scores: JSON.parse(row.scores) as Scores, createdAt: Number(row.created_at), updatedAt: Number(row.updated_at) }));
}

/** Writes the scorer's one sheet: the first time it is created, afterwards replaced (the primary key keeps it one). */
export async function saveSheet(db: Db, lessonId: string, scorer: { id: string; name: string }, scores: Scores): Promise<SheetRow> {
  const now = Date.now();
  await db
    .insertInto('lesson_score')
    .values({ lesson_id: lessonId, scorer_id: scorer.id, scorer_name: scorer.name, scores: JSON.stringify(scores), created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['lesson_id', 'scorer_id']).doUpdateSet({ scores: JSON.stringify(scores), scorer_name: scorer.name, updated_at: now }))
    .execute();
  const row = (await sheetsOf(db, lessonId)).find((s) => s.scorerId === scorer.id);
  if (!row) throw new Error('a saved score sheet is not there');
  return row;
}

/** Every lesson put up for scoring in a bureau, with its subject and grade and schools, for the ranking. */
export async function scoredLessons(db: Db, bureauId: string) {
  return db
    .selectFrom('lesson_scoring')
    .innerJoin('lesson', 'lesson.id', 'lesson_scoring.lesson_id')
    .innerJoin('classroom', 'classroom.id', 'lesson.host_classroom_id')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(['lesson.id', 'lesson.subject', 'lesson.grade'])
    .where('school.bureau_id', '=', bureauId)
    .execute();
}
