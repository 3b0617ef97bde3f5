import { z } from 'zod';
import {
  ErrorCode,
  LessonError,
  lessonReportSchema,
  lessonScoringSchema,
  openScoringSchema,
  rankingGroupSchema,
  rankingQuerySchema,
  rubricDraftSchema,
  rubricSchema,
  scopeOf,
  scoreSheetSchema,
  validScore,
  type LessonScoring,
  type OpenScoring,
  type RubricDraft,
  type ScoreSheet,
} from '@shared';
import { demand, lessonTarget } from '../auth/can.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/database.js';
import { lessonPlan, type LessonPlan } from '../db/lessonPlans.js';
import { createRubric, rubricById, rubricsOf, updateRubric } from '../db/rubrics.js';
import { closeScoring, isOpen, openScoring, saveSheet, scoringOf, sheetsOf } from '../db/scores.js';
import { lessonReport } from '../features/review/lessonReport.js';
import { rankingOf } from '../features/review/ranking.js';
import { reportCsv, type ReportPart } from '../features/review/reportCsv.js';
import { audited, type ApiCall, type ApiRoute } from './apiRoute.js';
import { routeLesson } from './routeLesson.js';
import { bureauOf, schoolFor } from './scopes.js';

/*
 * 评课 over REST: rubrics (评课量表), putting a lesson up for scoring, each
 * scorer's one sheet, the lesson report (JSON, and CSV per table) and the
 * ranking for 优课评选.
 */

const lessonFor = (call: ApiCall, action: 'lesson.score' | 'scoring.manage' | 'report.read'): Promise<LessonPlan> => routeLesson(call, action);

async function rubricFor(call: ApiCall, id: string, action: 'rubric.manage' | 'rubric.read') {
  const rubric = await rubricById(call.services.db, id);
  if (!rubric) throw new LessonError(ErrorCode.NotFound, 'no such rubric');
  demand(call.principal, action, { bureauId: rubric.bureauId, schoolIds: rubric.schoolId ? [rubric.schoolId] : [] });
  return rubric;
}

/** The rubric's owner must be the principal's to manage: a bureau's rubric its bureau admins', a school's also its admins'. */
async function ownerOf(call: ApiCall, schoolId: string | null): Promise<void> {
  if (schoolId) await schoolFor(call.services.db, call.principal, 'rubric.manage', schoolId);
  else demand(call.principal, 'rubric.manage', { bureauId: bureauOf(call.principal), schoolIds: [] });
}

const ownLesson = (plan: LessonPlan, principal: Principal): boolean => plan.teacherAccountId !== null && plan.teacherAccountId === principal.id;

/** What a scorer sees of a lesson's scoring. */
async function scoringView(db: Db, plan: LessonPlan, principal: Principal): Promise<LessonScoring> {
  const scoring = await scoringOf(db, plan.id);
  if (!scoring) throw new LessonError(ErrorCode.NotFound, 'this lesson has not been put up for scoring');
  const sheets = await sheetsOf(db, plan.id);
  const mine = sheets.find((s) => s.scorerId === principal.id);
  const open = isOpen(scoring);
  return lessonScoringSchema.parse({
    lessonId: plan.id,
    title: plan.title,
    teacherName: plan.teacherName,
    rubricName: scoring.rubricName,
    criteria: scoring.criteria,
    open,
    closesAt: scoring.closesAt,
    mayScore: open && !ownLesson(plan, principal),
    mine: mine ? { scores: mine.scores, updatedAt: mine.updatedAt } : null,
    scorers: sheets.length,
  });
}

const reportParts: readonly ReportPart[] = ['scores', 'participation', 'comments'];

export const reviewRoutes: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/rubrics',
    action: 'rubric.read',
    summary: 'The rubrics (评课量表) one may use.',
    response: z.array(rubricSchema),
    async run({ services, principal }) {
      const all = scopeOf('rubric.manage', principal.role) === 'bureau';
      return rubricsOf(services.db, bureauOf(principal), all ? null : principal.schoolId ? [principal.schoolId] : []);
    },
  },
  {
    method: 'post',
    path: '/rubrics',
    action: 'rubric.manage',
    summary: 'Create a rubric of the bureau or of a school.',
    response: rubricSchema,
    body: rubricDraftSchema,
    async run(call) {
      const draft = call.body as RubricDraft;
      await ownerOf(call, draft.schoolId);
      const rubric = await createRubric(call.services.db, bureauOf(call.principal), draft, call.principal.id);
      audited(call, 'rubric.create', rubric.id, rubric.name);
      return rubricSchema.parse(rubric);
    },
  },
  {
    method: 'post',
    path: '/rubrics/:id',
    action: 'rubric.manage',
    summary: 'Change a rubric.',
    response: rubricSchema,
    body: rubricDraftSchema,
    async run(call) {
      const rubric = await rubricFor(call, call.params['id'] ?? '', 'rubric.manage');
      const draft = call.body as RubricDraft;
      if (draft.schoolId !== rubric.schoolId) throw new LessonError(ErrorCode.BadRequest, 'a rubric stays with its school or bureau: create a new one instead');
      audited(call, 'rubric.update', rubric.id, draft.name);
      return rubricSchema.parse(await updateRubric(call.services.db, rubric.id, draft));
    },
  },
  {
    method: 'get',
    path: '/lessons/:id/scoring',
    action: 'lesson.score',
    summary: "A lesson's scoring as the scorer sees it.",
    response: lessonScoringSchema,
    async run(call) {
      return scoringView(call.services.db, await lessonFor(call, 'lesson.score'), call.principal);
    },
  },
  {
    method: 'post',
    path: '/lessons/:id/scoring',
    action: 'scoring.manage',
    summary: 'Put a lesson up for scoring against a rubric.',
    response: lessonScoringSchema,
    body: openScoringSchema,
    async run(call) {
      const plan = await lessonFor(call, 'scoring.manage');
      const { rubricId, closesAt } = call.body as OpenScoring;
      const rubric = await rubricById(call.services.db, rubricId);
      const schools = lessonTarget(plan).schoolIds ?? [];
      if (!rubric || rubric.bureauId !== plan.bureauId || (rubric.schoolId !== null && !schools.includes(rubric.schoolId))) {
        throw new LessonError(ErrorCode.NotFound, 'no such rubric for this lesson (a rubric of its bureau or of one of its schools)');
      }
      const current = await scoringOf(call.services.db, plan.id);
      if (current && current.rubricId !== rubric.id && (await sheetsOf(call.services.db, plan.id)).length > 0) {
        throw new LessonError(ErrorCode.Conflict, `this lesson is already being scored with 「${current.rubricName}」 and has scores: its rubric can no longer change`);
      }
      if (closesAt && closesAt <= Date.now()) throw new LessonError(ErrorCode.BadRequest, 'the closing time is already past');
      // Re-opening keeps the criteria the scores were given against.
      const criteria = current && current.rubricId === rubric.id ? current.criteria : rubric.criteria;
      await openScoring(call.services.db, plan.id, { id: rubric.id, name: rubric.name, criteria }, call.principal.id, closesAt ?? null);
      audited(call, 'scoring.open', plan.id, rubric.name);
      return scoringView(call.services.db, plan, call.principal);
    },
  },
  {
    method: 'post',
    path: '/lessons/:id/scoring/close',
    action: 'scoring.manage',
    summary: "Close a lesson's scoring.",
    response: lessonScoringSchema,
    async run(call) {
      const plan = await lessonFor(call, 'scoring.manage');
      if (!(await scoringOf(call.services.db, plan.id))) throw new LessonError(ErrorCode.NotFound, 'this lesson has not been put up for scoring');
      await closeScoring(call.services.db, plan.id, Date.now());
      audited(call, 'scoring.close', plan.id);
      return scoringView(call.services.db, plan, call.principal);
    },
  },
  {
    method: 'post',
    path: '/lessons/:id/score',
    action: 'lesson.score',
    summary: 'Score a lesson (one sheet per scorer, editable while open).',
    response: lessonScoringSchema,
    body: scoreSheetSchema,
    async run(call) {
      const plan = await lessonFor(call, 'lesson.score');
      const scoring = await scoringOf(call.services.db, plan.id);
      if (!scoring) throw new LessonError(ErrorCode.NotFound, 'this lesson has not been put up for scoring');
      // Not 403: she may score her colleagues' lessons; this one is hers.
      if (ownLesson(plan, call.principal)) throw new LessonError(ErrorCode.BadRequest, 'a teacher does not score her own lesson');
      if (!isOpen(scoring)) throw new LessonError(ErrorCode.Conflict, 'scoring of this lesson has closed: scores can no longer change');
      const { scores } = call.body as ScoreSheet;
      const entries = Object.entries(scores);
      if (entries.length === 0) throw new LessonError(ErrorCode.BadRequest, 'score at least one criterion');
      for (const [id, score] of entries) {
        const criterion = scoring.criteria.find((c) => c.id === id);
        if (!criterion) throw new LessonError(ErrorCode.BadRequest, `no criterion "${id}" in this lesson's rubric`);
        if (!validScore(criterion, score)) throw new LessonError(ErrorCode.BadRequest, `「${criterion.name}」 is scored from ${criterion.min} to ${criterion.max}, in whole or half points`);
      }
      await saveSheet(call.services.db, plan.id, { id: call.principal.id, name: call.principal.name }, scores);
      return scoringView(call.services.db, plan, call.principal);
    },
  },
  {
    method: 'get',
    path: '/lessons/:id/report',
    action: 'report.read',
    summary: "A lesson's report (评课报告): scores, comments, participation.",
    response: lessonReportSchema,
    async run(call) {
      return lessonReportSchema.parse(await lessonReport(call.services.db, await lessonFor(call, 'report.read')));
    },
  },
  {
    method: 'get',
    path: '/lessons/:id/report.csv',
    action: 'report.read',
    summary: "One table of a lesson's report as CSV.",
    query: z.object({ part: z.enum(['scores', 'participation', 'comments']).optional() }),
    produces: 'text/csv',
    async run(call) {
      const part = (call.query['part'] ?? 'scores') as ReportPart;
      if (!reportParts.includes(part)) throw new LessonError(ErrorCode.BadRequest, `part is one of ${reportParts.join(', ')}`);
      const plan = await lessonFor(call, 'report.read');
      const body = reportCsv(await lessonReport(call.services.db, plan), part);
      const name = `${plan.title}-${{ scores: '评分', participation: '参与', comments: '评课意见' }[part]}.csv`;
      call.res.type('text/csv; charset=utf-8').set('content-disposition', `attachment; filename="report-${part}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`).send(body);
    },
  },
  {
    method: 'get',
    path: '/ranking',
    action: 'ranking.read',
    summary: 'Lessons ranked by score (优课评选).',
    query: rankingQuerySchema,
    response: z.array(rankingGroupSchema),
    async run({ services, principal, query }) {
      const filter = rankingQuerySchema.safeParse(query);
      if (!filter.success) throw new LessonError(ErrorCode.BadRequest, 'subject and grade are short texts');
      const all = scopeOf('ranking.read', principal.role) === 'bureau';
      const groups = await rankingOf(services.db, bureauOf(principal), all ? null : principal.schoolId ? [principal.schoolId] : [], filter.data);
      return groups.map((group) => rankingGroupSchema.parse(group));
    },
  },
];
