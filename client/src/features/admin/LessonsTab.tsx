import { useState } from 'react';
import { z } from 'zod';
import { lessonSummarySchema, scopeOf } from '@shared';
import { useDictionary } from '../accounts/dictionary';
import { formatSpan } from '../accounts/format';
import { LoadState } from '../accounts/LoadState';
import { useLoad } from '../accounts/useLoad';
import { api } from '../auth/session';
import { useI18nStore } from '../i18n/i18nStore';
import { adminDictionary } from './adminMessages';
import type { AdminScope } from './adminScope';
import { AdminTable } from './AdminTable';
import { ScoringControl } from './ScoringControl';


const lessonsSchema = z.array(lessonSummarySchema);

/** 课程: the lessons of the admin's school or bureau, with 观课 (receive-only) for those the admin may look in on (巡课). */
export function LessonsTab({ scope }: { scope: AdminScope }) {
  const t = useDictionary(adminDictionary);
  const locale = useI18nStore((state) => state.locale);
  const lessons = useLoad(() => api('/lessons', lessonsSchema), 'lessons');
  const mayWatch = scopeOf('lesson.observe', scope.me.role) !== null;
  const mayScore = scopeOf('scoring.manage', scope.me.role) !== null;
  // 组织评分 opens on one lesson at a time: its scoring is read only then.
  const [scoringOf, setScoringOf] = useState<string | null>(null);
  return (
    <>
      <h2 className="account-panel__title">{t('admin.tab.lessons')}</h2>
      {scopeOf('ranking.read', scope.me.role) !== null && (
        <a className="account-bar__link" href="/ranking" data-testid="ranking-link">
          {t('admin.lessons.ranking')}
        </a>
      )}
      {scopeOf('dashboard.read', scope.me.role) !== null && (
        <a className="account-bar__link" href="/dashboard" data-testid="dashboard-link">
          {t('admin.lessons.dashboard')}
        </a>
      )}
      {scopeOf('inspection.watch', scope.me.role) !== null && (
        <a className="account-bar__link" href="/inspection" data-testid="inspection-link">
          {t('admin.lessons.inspection')}
        </a>
      )}
      <LoadState loaded={lessons}>
        {(list) => (
          <AdminTable
            items={list}
            empty={t('admin.lessons.none')}
            headings={[t('admin.lessons.title'), t('admin.lessons.teacher'), t('admin.lessons.time'), t('admin.lessons.classrooms'), null]}
            testId="lesson-list"
          >
            {(lesson) => (
              <tr key={lesson.id} data-testid="lesson-row" data-lesson-id={lesson.id}>
                <td>{lesson.title}</td>
                <td>{lesson.teacherName}</td>
                <td>{lesson.startsAt === null ? t('admin.lessons.anyTime') : formatSpan(lesson.startsAt, lesson.endsAt, locale)}</td>
                <td>{lesson.classrooms.map((classroom) => classroom.name).join(t('accounts.listSeparator'))}</td>
                <td>
                  <div className="lesson-actions">
                    {mayWatch && (
                      <a className="account-bar__link" href={`/lesson/${encodeURIComponent(lesson.id)}/watch`} data-testid="watch-lesson">
                        {t('admin.lessons.watch')}
                      </a>
                    )}
                    <a className="account-bar__link" href={`/lesson/${encodeURIComponent(lesson.id)}/review`} data-testid="review-lesson">
                      {t('admin.lessons.report')}
                    </a>
                    {mayScore && (
                      <button type="button" onClick={() => setScoringOf(scoringOf === lesson.id ? null : lesson.id)} data-testid="scoring-toggle" aria-expanded={scoringOf === lesson.id}>
                        {t('admin.lessons.scoring')}
                      </button>
                    )}
                  </div>
                  {scoringOf === lesson.id && <ScoringControl lessonId={lesson.id} />}
                </td>
              </tr>
            )}
          </AdminTable>
        )}
      </LoadState>
    </>
  );
}
