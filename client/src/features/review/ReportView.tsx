import type { LessonReport, ReportScores } from '@shared';
import { formatTime } from '../accounts/format';
import { useI18nStore } from '../i18n/i18nStore';
import { BarChart } from './charts';
import { ParticipationView } from './ParticipationView';
import type { ReviewTranslate } from './reviewMessages';
import { duration, scoreText } from './reviewFormat';

function ScoresView({ scores, t }: { scores: ReportScores; t: ReviewTranslate }) {
  const locale = useI18nStore((state) => state.locale);
  return (
    <section className="account-panel report-section" data-testid="report-scores">
      <h2 className="account-panel__title">
        {t('report.scores')} · {scores.rubricName}
      </h2>
      <p className="account-muted">
        {scores.open ? t('report.open') : scores.closedAt !== null ? t('report.closedAt', { time: formatTime(scores.closedAt, locale) }) : null} · {t('report.scorers', { count: scores.scorers })}
      </p>
      {scores.scorers === 0 ? (
        <p className="account-muted">{t('report.noScores')}</p>
      ) : (
        <>
          <p className="report-total" data-testid="report-total" data-total={scores.total ?? ''}>
            {t('report.total')}：<strong>{t('report.totalValue', { total: scoreText(scores.total) })}</strong>
          </p>
          {scores.spread && (
            <p className="account-muted" data-testid="report-spread">
              {t('report.spread', { stdev: scoreText(scores.spread.stdev), min: scoreText(scores.spread.min), max: scoreText(scores.spread.max) })}
            </p>
          )}
          <div className="report-charts">
            <BarChart
              title={t('report.chart.criteria')}
              testId="chart-criteria"
              labels={scores.criteria.map((c) => `${c.name} (${c.weight}%)`)}
              series={[{ label: t('report.mean'), values: scores.criteria.map((c) => Math.round((c.meanPercent ?? 0) * 10) / 10) }]}
              max={100}
              horizontal
            />
            <BarChart
              title={t('report.chart.scorers')}
              testId="chart-scorers"
              labels={scores.sheets.map((_, i) => t('report.scorer', { n: i + 1 }))}
              series={[{ label: t('report.total'), values: scores.sheets.map((s) => Math.round((s.total ?? 0) * 10) / 10), color: '#2e8b57' }]}
              max={100}
            />
          </div>
          <div className="account-table-wrap">
            <table className="account-table" data-testid="report-criteria">
              <thead>
                <tr>
                  <th>{t('report.criterion')}</th>
                  <th>{t('report.weight')}</th>
                  <th>{t('report.mean')}</th>
                  <th>{t('report.criterionSpread')}</th>
                  <th>{t('report.count')}</th>
                </tr>
              </thead>
              <tbody>
                {scores.criteria.map((c) => (
                  <tr key={c.id} data-testid="report-criterion" data-criterion={c.id}>
                    <td>{c.name}</td>
                    <td>{c.weight}%</td>
                    <td>
                      {scoreText(c.mean)} / {c.max}
                    </td>
                    <td>{scoreText(c.spread?.stdev)}</td>
                    <td>{c.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function CommentsView({ report, t }: { report: LessonReport; t: ReviewTranslate }) {
  return (
    <section className="account-panel report-section" data-testid="report-comments">
      <h2 className="account-panel__title">{t('report.comments')}</h2>
      {report.comments.length === 0 ? (
        <p className="account-muted">{t('report.noComments')}</p>
      ) : (
        <ol className="report-comments">
          {report.comments.map((c) => (
            <li key={c.id} data-testid="report-comment">
              <span className="report-comments__time">{c.lessonMs === null ? '—' : duration(c.lessonMs)}</span>
              <span className="report-comments__who">
                {c.authorName} · {c.during === 'live' ? t('report.live.tag') : t('report.replay.tag')}
              </span>
              <span className="report-comments__text">{c.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** 评课报告: scores, what the lesson measured about who took part, and the comments in lesson order. */
export function ReportView({ report, t }: { report: LessonReport; t: ReviewTranslate }) {
  return (
    <div className="report" data-testid="lesson-report">
      {report.scores ? <ScoresView scores={report.scores} t={t} /> : <p className="account-muted">{t('report.noScoring')}</p>}
      <ParticipationView participation={report.participation} t={t} />
      <CommentsView report={report} t={t} />
    </div>
  );
}
