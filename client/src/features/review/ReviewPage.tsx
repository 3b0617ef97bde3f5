import { useEffect, useState } from 'react';
import { ErrorCode, LessonError, lessonReportSchema, lessonScoringSchema, scopeOf, type LessonScoring, type Me } from '@shared';
import { AccountBar } from '../accounts/AccountBar';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { SessionProblem } from '../accounts/SessionProblem';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { useSignedIn } from '../accounts/useSignedIn';
import { api } from '../auth/session';
import { downloadCsv } from './csvDownload';
import { ReportView } from './ReportView';
import { ScoreSheetForm } from './ScoreSheetForm';
import { reviewDictionary, type ReviewTranslate } from './reviewMessages';
import '../accounts/accounts.css';
import './review.css';

const refused = (error: unknown): boolean => error instanceof LessonError && (error.code === ErrorCode.Forbidden || error.code === ErrorCode.NotFound);

/** The scorer's half: their sheet, or why there is none (not up for scoring, their own lesson). */
function Scoring({ lessonId, t }: { lessonId: string; t: ReviewTranslate }) {
  const loaded = useLoad(() => api(`/lessons/${encodeURIComponent(lessonId)}/scoring`, lessonScoringSchema), lessonId);
  const [saved, setSaved] = useState<LessonScoring | null>(null);
  useEffect(() => setSaved(null), [lessonId]);
  if (loaded.error instanceof LessonError && loaded.error.code === ErrorCode.NotFound) return <p className="account-muted" data-testid="score-not-open">{t('score.notOpen')}</p>;
  if (refused(loaded.error)) return null;
  return <LoadState loaded={loaded}>{(scoring) => <ScoreSheetForm key={scoring.lessonId} scoring={saved ?? scoring} onSaved={setSaved} t={t} />}</LoadState>;
}

function Report({ lessonId, t }: { lessonId: string; t: ReviewTranslate }) {
  const loaded = useLoad(() => api(`/lessons/${encodeURIComponent(lessonId)}/report`, lessonReportSchema), lessonId);
  const download = useRequest();
  return (
    <LoadState loaded={loaded}>
      {(report) => (
        <>
          <section className="report-head">
            <h2 className="report-head__title" data-testid="report-title">
              {t('report.title')} · {report.title}
            </h2>
            <p className="account-muted">
              {t('review.about', { teacher: report.teacherName, school: report.hostSchoolName })}
              {report.subject ? ` · ${report.subject}` : ''}
              {report.grade ? ` · ${report.grade}` : ''}
            </p>
            <div className="account-panel__row report-actions">
              <button type="button" onClick={() => window.print()} data-testid="report-print">
                {t('review.print')}
              </button>
              {(['scores', 'participation', 'comments'] as const).map((part) => (
                <button key={part} type="button" disabled={download.pending} onClick={() => void download.run(() => downloadCsv(lessonId, part))} data-testid={`report-csv-${part}`}>
                  {t(`review.csv.${part}`)}
                </button>
              ))}
            </div>
            <RequestError error={download.error} />
          </section>
          <ReportView report={report} t={t} />
        </>
      )}
    </LoadState>
  );
}

function Review({ me, lessonId, t }: { me: Me; lessonId: string; t: ReviewTranslate }) {
  const mayScore = scopeOf('lesson.score', me.role) !== null;
  const mayRead = scopeOf('report.read', me.role) !== null;
  if (!mayScore && !mayRead) return <p className="form-error" data-testid="review-not-allowed">{t('review.notAllowed')}</p>;
  return (
    <>
      {mayScore && <Scoring lessonId={lessonId} t={t} />}
      {mayRead && <Report lessonId={lessonId} t={t} />}
    </>
  );
}

/** 评课: a lesson's score sheet for whoever scores it, and its report for its teacher and the admins. */
export function ReviewPage({ lessonId }: { lessonId: string }) {
  const t = useDictionary(reviewDictionary);
  const signed = useSignedIn({ required: true });
  return (
    <div className="account-page review-page" data-testid="review-page" data-phase={signed.phase}>
      <AccountBar title={t('review.title')} me={signed.phase === 'signedIn' ? signed.me : null} />
      {signed.phase === 'signedIn' ? <Review me={signed.me} lessonId={lessonId} t={t} /> : <SessionProblem state={signed} />}
    </div>
  );
}
