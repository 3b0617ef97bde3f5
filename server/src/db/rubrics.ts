import { criteriaSchema, type Rubric, type RubricCriterion, type RubricDraft } from '@shared';
import type { Db } from './database.js';
import { newId } from './ids.js';

/** 评课量表 in SQL. Criteria are kept as JSON and read back through their schema, so a damaged row is an error, not a silent zero. */

type RubricRow = { id: string; bureau_id: string; school_id: string | null; name: string; criteria: string; created_at: number };

export const parseCriteria = (json: string): RubricCriterion[] => criteriaSchema.parse(JSON.parse(json));

async function toRubric(db: Db, row: RubricRow): Promise<Rubric> {
  const used = await db.selectFrom('lesson_scoring').select((eb) => eb.fn.countAll<number>().as('n')).where('rubric_id', '=', row.id).executeTakeFirst();
  return { id: row.id, name: row.name, bureauId: row.bureau_id, schoolId: row.school_id, criteria: parseCriteria(row.criteria), createdAt: Number(row.created_at), lessonsScored: Number(used?.n ?? 0) };
}

export async function createRubric(db: Db, bureauId: string, draft: RubricDraft, createdBy: string): Promise<Rubric> {
  const row = { id: newId('r'), bureau_id: bureauId, school_id: draft.schoolId, name: draft.name, criteria: JSON.stringify(draft.criteria), created_by: createdBy, created_at: Date.now() };
  await db.insertInto('rubric').values(row).execute();
  return toRubric(db, row);
}

/** Edits name and criteria; lessons already put up for scoring keep the criteria they were opened with. */
export async function updateRubric(db: Db, id: string, draft: Omit<RubricDraft, 'schoolId'>): Promise<Rubric | null> {
  await db.updateTable('rubric').set({ name: draft.name, criteria: JSON.stringify(draft.criteria) }).where('id', '=', id).execute();
  return rubricById(db, id);
}

export async function rubricById(db: Db, id: string): Promise<Rubric | null> {
  const row = await db.selectFrom('rubric').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRubric(db, row) : null;
}

/** A bureau's rubrics and, for a school's admin, its school's: `schoolIds` null means every school of the bureau. */
export async function rubricsOf(db: Db, bureauId: string, schoolIds: readonly string[] | null): Promise<Rubric[]> {
  let query = db.selectFrom('rubric').selectAll().where('bureau_id', '=', bureauId);
  if (schoolIds) query = query.where((eb) => eb.or([eb('school_id', 'is', null), ...(schoolIds.length ? [eb('school_id', 'in', schoolIds)] : [])]));
  const rows = await query.orderBy('created_at').execute();
  return Promise.all(rows.map((row) => toRubric(db, row)));
}
