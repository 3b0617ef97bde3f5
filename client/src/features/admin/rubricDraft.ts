import { rubricDraftSchema, type RubricCriterion, type RubricDraft } from '@shared';

/** One criterion as the form holds it: text fields, descriptors one per line (`9 目标明确，重难点突出`). */
export interface CriterionRow {
  id: string;
  name: string;
  weight: string;
  min: string;
  max: string;
  descriptors: string;
}

export const blankCriterion = (index: number): CriterionRow => ({ id: `c${index + 1}`, name: '', weight: '', min: '0', max: '10', descriptors: '' });

/** The usual classroom rubric (教学设计 20 %, 师生互动 30 %, 教学效果 30 %, 教学素养 20 %), to start from. */
export const startingRows = (): CriterionRow[] => [
  { id: 'design', name: '教学设计', weight: '20', min: '0', max: '10', descriptors: '10 目标明确，重难点突出\n6 目标基本明确' },
  { id: 'interaction', name: '师生互动', weight: '30', min: '0', max: '10', descriptors: '10 各校学生都有发言，互动自然\n6 互动集中在主讲校' },
  { id: 'effect', name: '教学效果', weight: '30', min: '0', max: '10', descriptors: '' },
  { id: 'craft', name: '教学素养', weight: '20', min: '0', max: '10', descriptors: '' },
];

export const rowsOf = (criteria: readonly RubricCriterion[]): CriterionRow[] =>
  criteria.map((c) => ({ id: c.id, name: c.name, weight: String(c.weight), min: String(c.min), max: String(c.max), descriptors: c.descriptors.map((d) => `${d.score} ${d.text}`).join('\n') }));

export const weightSum = (rows: readonly CriterionRow[]): number => rows.reduce((sum, row) => sum + (Number(row.weight) || 0), 0);

/** A descriptor line: a score, then its text; other lines are reported by number. */
const descriptorLine = /^\s*(\d+(?:\.5)?)\s+(.+?)\s*$/;

export type DraftProblem = { kind: 'descriptor'; criterion: string; line: number } | { kind: 'weights'; sum: number } | { kind: 'invalid'; message: string };

/** The form as the API's draft, or what is wrong with it (in the form's terms, for the admin to fix). */
export function draftOf(name: string, schoolId: string | null, rows: readonly CriterionRow[]): { draft: RubricDraft } | { problem: DraftProblem } {
  const criteria: RubricCriterion[] = [];
  for (const row of rows) {
    const descriptors: RubricCriterion['descriptors'] = [];
    const lines = row.descriptors.split('\n').filter((line) => line.trim() !== '');
    for (const [i, line] of lines.entries()) {
      const match = descriptorLine.exec(line);
      if (!match) return { problem: { kind: 'descriptor', criterion: row.name || row.id, line: i + 1 } };
      descriptors.push({ score: Number(match[1]), text: match[2]! });
    }
    criteria.push({ id: row.id, name: row.name.trim(), weight: Number(row.weight), min: Number(row.min), max: Number(row.max), descriptors });
  }
  const sum = weightSum(rows);
  if (sum !== 100) return { problem: { kind: 'weights', sum } };
  const parsed = rubricDraftSchema.safeParse({ name: name.trim(), schoolId, criteria });
  if (!parsed.success) return { problem: { kind: 'invalid', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  return { draft: parsed.data };
}
