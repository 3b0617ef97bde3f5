import { useState } from 'react';
import { z } from 'zod';
import { rankingGroupSchema, scopeOf, type RankingGroup } from '@shared';
import { AccountBar } from '../accounts/AccountBar';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { SessionProblem } from '../accounts/SessionProblem';
import { useLoad } from '../accounts/useLoad';
import { useSignedIn } from '../accounts/useSignedIn';
import { api } from '../auth/session';
import { BarChart } from './charts';
import { reviewDictionary, type ReviewTranslate } from './reviewMessages';
import { scoreText } from './reviewFormat';
import '../accounts/accounts.css';
import './review.css';

const groupsSchema = z.array(rankingGroupSchema);

function RankCell({ entry, group, t }: { entry: RankingGroup['lessons'][number]; group: RankingGroup; t: ReviewTranslate }) {
  if (entry.rank === null) return <span className="account-muted">{t('ranking.tooFew', { min: group.minScorers })}</span>;
  return entry.tied ? <span>{t('ranking.tied', { rank: entry.rank })}</span> : <span className="ranking-rank">{entry.rank}</span>;
}

function Group({ group, t }: { group: RankingGroup; t: ReviewTranslate }) {
  const ranked = group.lessons.filter((l) => l.rank !== null);
  return (
    <section className="account-panel" data-testid="ranking-group" data-subject={group.subject ?? ''} data-grade={group.grade ?? ''}>
      <h2 className="account-panel__title">{t('ranking.group', { subject: group.subject ?? t('ranking.noSubject'), grade: group.grade ?? t('ranking.noGrade') })}</h2>
      {ranked.length > 1 && (
        <BarChart
          title={t('ranking.total')}
          testId="ranking-chart"
          labels={ranked.map((l) => `${l.rank}. ${l.title}`)}
          series={[{ label: t('ranking.total'), values: ranked.map((l) => Math.round((l.total ?? 0) * 10) / 10) }]}
          max={100}
          horizontal
        />
      )}
      <div className="account-table-wrap">
        <table className="account-table">
          <thead>
            <tr>
              <th>{t('ranking.rank')}</th>
              <th>{t('ranking.lesson')}</th>
              <th>{t('ranking.teacher')}</th>
              <th>{t('ranking.total')}</th>
              <th>{t('ranking.scorers')}</th>
              <th>{t('ranking.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {group.lessons.map((entry) => (
              <tr key={entry.lessonId} data-testid="ranking-row" data-rank={entry.rank ?? ''} data-lesson-id={entry.lessonId}>
                <td>
                  <RankCell entry={entry} group={group} t={t} />
                </td>
                <td>{entry.title}</td>
                <td>
                  {entry.teacherName} · {entry.hostSchoolName}
                </td>
                <td>{scoreText(entry.total)}</td>
                <td>{entry.scorers}</td>
                <td>{entry.open ? t('ranking.open') : t('ranking.closed')}</td>
                <td>
                  <a className="account-bar__link" href={`/lesson/${encodeURIComponent(entry.lessonId)}/review`}>
                    {t('ranking.report')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Ranking({ t }: { t: ReviewTranslate }) {
  const [filter, setFilter] = useState({ subject: '', grade: '' });
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v.trim() !== '')).toString();
  const groups = useLoad(() => api(`/ranking${query ? `?${query}` : ''}`, groupsSchema), query);
  return (
    <>
      <form className="account-form" onSubmit={(event) => event.preventDefault()}>
        {(['subject', 'grade'] as const).map((key) => (
          <label key={key} className="field">
            <span>{t(`ranking.${key}`)}</span>
            <input value={filter[key]} maxLength={64} onChange={(event) => setFilter((f) => ({ ...f, [key]: event.target.value }))} data-testid={`ranking-${key}`} />
          </label>
        ))}
      </form>
      <LoadState loaded={groups}>{(list) => (list.length === 0 ? <p className="account-muted">{t('ranking.empty')}</p> : list.map((group) => <Group key={`${group.subject}|${group.grade}`} group={group} t={t} />))}</LoadState>
    </>
  );
}

/** 优课评选: every scored lesson in scope, by subject and grade, highest weighted total first. */
export function RankingPage() {
  const t = useDictionary(reviewDictionary);
  const signed = useSignedIn({ required: true });
  if (signed.phase !== 'signedIn') {
    return (
      <div className="account-page" data-testid="ranking-page" data-phase={signed.phase}>
        <AccountBar title={t('ranking.title')} me={null} />
        <SessionProblem state={signed} />
      </div>
    );
  }
  return (
    <div className="account-page" data-testid="ranking-page" data-phase="signedIn">
      <AccountBar title={t('ranking.title')} me={signed.me} />
      {scopeOf('ranking.read', signed.me.role) === null ? <p className="form-error">{t('ranking.notAllowed')}</p> : <Ranking t={t} />}
    </div>
  );
}
