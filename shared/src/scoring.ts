import type { RubricCriterion } from './rubric.js';

/*
 * The arithmetic of 教学考评, in one place for the report, the ranking, the
 * CSV and the page. Every criterion is brought to 0–100 (its own scale's
 * min → 0, max → 100) before weighting, so a 10-point and a 5-point
 * criterion weigh what their weights say.
 *
 * A criterion a scorer left out is missing, never zero:
 * - a scorer's total is weighted over the criteria they did score (their
 *   weights scaled up to 100 %);
 * - the lesson's weighted total is weighted over the criteria's averages,
 *   each average over the scorers who scored that criterion.
 * So a missing criterion takes the other scorers' view of it, not the same
 * scorer's view of the rest.
 */

export type Scores = Readonly<Record<string, number>>;

/** 0–100 on the criterion's own scale. */
export const asPercent = (criterion: RubricCriterion, score: number): number => ((score - criterion.min) / (criterion.max - criterion.min)) * 100;

/** Whole or half points within the scale. */
export const validScore = (criterion: RubricCriterion, score: number): boolean =>
  Number.isFinite(score) && score >= criterion.min && score <= criterion.max && Number.isInteger(score * 2);

/** Weighted mean of (weight, percent) pairs; null with none. */
function weighted(pairs: ReadonlyArray<{ weight: number; percent: number }>): number | null {
  const weights = pairs.reduce((sum, p) => sum + p.weight, 0);
  return weights === 0 ? null : pairs.reduce((sum, p) => sum + p.weight * p.percent, 0) / weights;
}

/** One scorer's weighted total (0–100) over the criteria they scored; null if they scored none. */
export function sheetTotal(criteria: readonly RubricCriterion[], scores: Scores): number | null {
  return weighted(criteria.flatMap((c) => (scores[c.id] === undefined ? [] : [{ weight: c.weight, percent: asPercent(c, scores[c.id]!) }])));
}

export interface Spread {
  /** Population standard deviation. */
  stdev: number;
  min: number;
  max: number;
}

export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return {
    stdev: Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

export interface CriterionSummary {
  id: string;
  name: string;
  weight: number;
  min: number;
  max: number;
  /** Scorers who scored it. */
  count: number;
  /** Mean on the criterion's own scale, and as 0–100. */
  mean: number | null;
  meanPercent: number | null;
  spread: Spread | null;
}

export interface ScoreSummary {
  criteria: CriterionSummary[];
  /** The lesson's weighted total, 0–100 (see above); null with no score at all. */
  total: number | null;
  /** Each scorer's total, in the order of the sheets given (null: scored nothing). */
  scorerTotals: Array<number | null>;
  /** Between the scorers' totals. */
  spread: Spread | null;
  /** Sheets with at least one score. */
  scorers: number;
}

export function summarise(criteria: readonly RubricCriterion[], sheets: readonly Scores[]): ScoreSummary {
  const summaries = criteria.map((c): CriterionSummary => {
    const given = sheets.flatMap((s) => (s[c.id] === undefined ? [] : [s[c.id]!]));
    const mean = given.length === 0 ? null : given.reduce((a, b) => a + b, 0) / given.length;
    return { id: c.id, name: c.name, weight: c.weight, min: c.min, max: c.max, count: given.length, mean, meanPercent: mean === null ? null : asPercent(c, mean), spread: spreadOf(given) };
  });
  const scorerTotals = sheets.map((s) => sheetTotal(criteria, s));
  const totals = scorerTotals.filter((t): t is number => t !== null);
  return {
    criteria: summaries,
    total: weighted(summaries.flatMap((c) => (c.meanPercent === null ? [] : [{ weight: c.weight, percent: c.meanPercent }]))),
    scorerTotals,
    spread: spreadOf(totals),
    scorers: totals.length,
  };
}

/** Scores are shown and compared at one decimal: two lessons equal there are tied. */
export const roundScore = (value: number): number => Math.round(value * 10) / 10;

/** Fewer scorers than this and a lesson is listed in the ranking but not ranked. */
export const RANKING_MIN_SCORERS = 3;

export interface Rankable {
  lessonId: string;
  total: number | null;
  scorers: number;
}

export type Ranked<T extends Rankable> = T & {
  /** 1-based; tied lessons share a rank and the next rank skips (1, 1, 3). Null: too few scorers, not ranked. */
  rank: number | null;
  tied: boolean;
};

/**
 * 优课评选: lessons by weighted total, highest first. A lesson scored by
 * fewer than `minScorers` is not ranked (listed after the ranked ones, most
 * scorers first), since one or two opinions are not a selection.
 */
export function rankLessons<T extends Rankable>(lessons: readonly T[], minScorers: number): Array<Ranked<T>> {
  const eligible = lessons.filter((l) => l.total !== null && l.scorers >= minScorers).sort((a, b) => roundScore(b.total!) - roundScore(a.total!) || a.lessonId.localeCompare(b.lessonId));
  const ranked = eligible.map((lesson, index): Ranked<T> => {
    const score = roundScore(lesson.total!);
    const first = eligible.findIndex((other) => roundScore(other.total!) === score);
    const tied = eligible.some((other, i) => i !== index && roundScore(other.total!) === score);
    return { ...lesson, rank: first + 1, tied };
  });
  const rest = lessons
    .filter((l) => !eligible.includes(l))
    .sort((a, b) => b.scorers - a.scorers || a.lessonId.localeCompare(b.lessonId))
    .map((lesson): Ranked<T> => ({ ...lesson, rank: null, tied: false }));
  return [...ranked, ...rest];
}
