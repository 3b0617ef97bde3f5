import { describe, expect, it } from 'vitest';
import { criteriaSchema, type RubricCriterion } from './rubric.js';
import { rankLessons, sheetTotal, summarise } from './scoring.js';

/** 教学设计 20 % (0–10), 师生互动 30 % (0–10), 教学效果 50 % (0–5): the figures below are worked by hand. */
const criteria: RubricCriterion[] = [
  { id: 'design', name: '教学设计', weight: 20, min: 0, max: 10, descriptors: [] },
  { id: 'interaction', name: '师生互动', weight: 30, min: 0, max: 10, descriptors: [] },
  { id: 'effect', name: '教学效果', weight: 50, min: 0, max: 5, descriptors: [{ score: 5, text: '目标达成' }] },
];

describe('rubric scoring', () => {
  it('weights each criterion on its own scale', () => {
    expect(sheetTotal(criteria, { design: 8, interaction: 9, effect: 4 })).toBeCloseTo(83, 9);
    expect(sheetTotal(criteria, { design: 6, interaction: 7, effect: 3 })).toBeCloseTo(63, 9);
  });

  it('leaves a missing criterion out of the scorer total, and out of that criterion average', () => {
    const summary = summarise(criteria, [
      { design: 8, interaction: 9, effect: 4 },
      { design: 6, interaction: 7, effect: 3 },
      { design: 10, effect: 5 },
    ]);
    // The third scorer: (20×100 + 50×100) / 70.
    expect(summary.scorerTotals[2]).toBeCloseTo(100, 9);
    expect(summary.criteria.map((c) => [c.count, c.mean])).toEqual([[3, 8], [2, 8], [3, 4]]);
    expect(summary.criteria.map((c) => c.meanPercent)).toEqual([80, 80, 80]);
    // Over the criteria averages (80 each), not the mean of the scorer totals (82).
    expect(summary.total).toBeCloseTo(80, 9);
    expect(summary.scorers).toBe(3);
    // Totals 83, 63, 100: mean 82, population variance (1 + 361 + 324) / 3.
    expect(summary.spread!.stdev).toBeCloseTo(Math.sqrt(686 / 3), 9);
    expect([summary.spread!.min, summary.spread!.max]).toEqual([63, 100]);
    expect(summary.criteria[0]!.spread!.stdev).toBeCloseTo(Math.sqrt(8 / 3), 9);
  });

  it('has no total without scores', () => {
    const summary = summarise(criteria, []);
    expect([summary.total, summary.spread, summary.scorers]).toEqual([null, null, 0]);
  });

  it('refuses weights that do not add up to 100 %, and duplicate criteria', () => {
    expect(criteriaSchema.safeParse([{ ...criteria[0]!, weight: 30 }, criteria[1], criteria[2]]).success).toBe(false);
    expect(criteriaSchema.safeParse([criteria[0], { ...criteria[1]!, id: 'design' }, criteria[2]]).success).toBe(false);
    expect(criteriaSchema.safeParse(criteria).success).toBe(true);
  });
});

describe('优课评选 ranking', () => {
  it('ties lessons equal at one decimal, skips the next rank, and leaves too few scorers unranked', () => {
    const ranked = rankLessons(
      [
        { lessonId: 'b', total: 85.04, scorers: 3 },
        { lessonId: 'a', total: 90, scorers: 5 },
        { lessonId: 'few', total: 99, scorers: 2 },
        { lessonId: 'c', total: 84.96, scorers: 4 },
        { lessonId: 'd', total: 70, scorers: 3 },
        { lessonId: 'none', total: null, scorers: 0 },
      ],
      3,
    );
    expect(ranked.map((l) => [l.lessonId, l.rank, l.tied])).toEqual([
      ['a', 1, false],
      ['b', 2, true],
      ['c', 2, true],
      ['d', 4, false],
      ['few', null, false],
      ['none', null, false],
    ]);
  });
});
