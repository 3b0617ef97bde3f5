import { summarise, type LessonParticipation, type LessonReport, type ReportScores } from '@shared';
import { commentsOf, lessonSpan } from '../../db/comments.js';
import type { Db } from '../../db/database.js';
import type { LessonPlan } from '../../db/lessonPlans.js';
import { isOpen, scoringOf, sheetsOf } from '../../db/scores.js';
import { participationOf } from '../participation/participationOf.js';

/** The scores part of a report: null for a lesson never put up for scoring. */
export async function reportScores(db: Db, lessonId: string, now = Date.now()): Promise<ReportScores | null> {
  const scoring = await scoringOf(db, lessonId);
  if (!scoring) return null;
  const sheets = await sheetsOf(db, lessonId);
  const summary = summarise(scoring.criteria, sheets.map((s) => s.scores));
  return {
    rubricName: scoring.rubricName,
    open: isOpen(scoring, now),
    closesAt: scoring.closesAt,
    closedAt: scoring.closedAt ?? (scoring.closesAt !== null && scoring.closesAt <= now ? scoring.closesAt : null),
    criteria: scoring.criteria.map((criterion, i) => ({ ...criterion, ...pick(summary.criteria[i]!) })),
    total: summary.total,
    spread: summary.spread,
    scorers: summary.scorers,
    sheets: sheets
      .map((sheet, i) => ({ scores: { ...sheet.scores }, total: summary.scorerTotals[i] ?? null }))
      .sort((a, b) => (b.total ?? -1) - (a.total ?? -1)),
  };
}

const pick = ({ count, mean, meanPercent, spread }: ReturnType<typeof summarise>['criteria'][number]) => ({ count, mean, meanPercent, spread });

/** 评课报告: scores, comments in lesson order, and what the lesson measured about who took part. */
export async function lessonReport(db: Db, plan: LessonPlan, now = Date.now()): Promise<LessonReport> {
  const lesson = await db.selectFrom('lesson').select(['subject', 'grade']).where('id', '=', plan.id).executeTakeFirst();
  const span = await lessonSpan(db, plan.id);
  const participation: LessonParticipation = await participationOf(db, plan.id, now);
  return {
    lessonId: plan.id,
    title: plan.title,
    teacherName: plan.teacherName,
    hostSchoolName: plan.hostSchoolName,
    subject: lesson?.subject ?? null,
    grade: lesson?.grade ?? null,
    startedAt: span.startedAt,
    endedAt: span.endedAt,
    scores: await reportScores(db, plan.id, now),
    comments: await commentsOf(db, plan.id),
    participation,
  };
}
