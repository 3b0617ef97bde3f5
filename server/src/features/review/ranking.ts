import { RANKING_MIN_SCORERS, rankLessons, type RankingEntry, type RankingGroup } from '@shared';
import { lessonTarget } from '../../auth/can.js';
import type { Db } from '../../db/database.js';
import { lessonPlan } from '../../db/lessonPlans.js';
import { scoredLessons } from '../../db/scores.js';
import { reportScores } from './lessonReport.js';

/**
 * 优课评选: the bureau's scored lessons, grouped by subject and grade (a
 * lesson without them is its own group, not mixed into another), each group
 * ranked by weighted total. `schoolIds` null: every lesson of the bureau;
 * otherwise only lessons one of those schools hosted or took part in.
 */
export async function rankingOf(db: Db, bureauId: string, schoolIds: readonly string[] | null, filter: { subject?: string | undefined; grade?: string | undefined }, now = Date.now()): Promise<RankingGroup[]> {
  const groups = new Map<string, { subject: string | null; grade: string | null; lessons: Array<Omit<RankingEntry, 'rank' | 'tied'>> }>();
  for (const row of await scoredLessons(db, bureauId)) {
    if ((filter.subject && row.subject !== filter.subject) || (filter.grade && row.grade !== filter.grade)) continue;
    const plan = await lessonPlan(db, row.id);
    const scores = await reportScores(db, row.id, now);
    if (!plan || !scores) continue;
    const schools = [...(lessonTarget(plan).schoolIds ?? [])];
    if (schoolIds && !schools.some((id) => schoolIds.includes(id))) continue;
    const key = JSON.stringify([row.subject, row.grade]);
    const group = groups.get(key) ?? { subject: row.subject, grade: row.grade, lessons: [] };
    group.lessons.push({ lessonId: plan.id, title: plan.title, teacherName: plan.teacherName, hostSchoolName: plan.hostSchoolName, schoolIds: schools, subject: row.subject, grade: row.grade, total: scores.total, scorers: scores.scorers, open: scores.open });
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => (a.subject ?? '\uffff').localeCompare(b.subject ?? '\uffff') || (a.grade ?? '\uffff').localeCompare(b.grade ?? '\uffff'))
    .map((group) => ({ subject: group.subject, grade: group.grade, minScorers: RANKING_MIN_SCORERS, lessons: rankLessons(group.lessons, RANKING_MIN_SCORERS) }));
}
