import { useState } from 'react';
import { z } from 'zod';
import { ErrorCode, LessonError, lessonScoringSchema, rubricSchema, type LessonScoring } from '@shared';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { api } from '../auth/session';
import { adminDictionary } from './adminMessages';

const rubricsSchema = z.array(rubricSchema);

/** Whether a lesson is up for scoring: its scoring, or none when it never was (wrapped: LoadState takes null for "not loaded yet"). */
async function scoringOrNone(lessonId: string): Promise<{ current: LessonScoring | null }> {
  try {
    return { current: await api(`/lessons/${encodeURIComponent(lessonId)}/scoring`, lessonScoringSchema) };
  } catch (error) {
    if (error instanceof LessonError && error.code === ErrorCode.NotFound) return { current: null };
    throw error;
  }
}

/** 组织评分: put one lesson up for scoring against a rubric, or close its scoring; shown when the admin opens it on a lesson's row. */
export function ScoringControl({ lessonId }: { lessonId: string }) {
  const t = useDictionary(adminDictionary);
  const scoring = useLoad(() => scoringOrNone(lessonId), lessonId);
  const rubrics = useLoad(() => api('/rubrics', rubricsSchema), 'rubrics');
  const [rubricId, setRubricId] = useState('');
  const change = useRequest();
  const open = () =>
    void change.run(() => api(`/lessons/${encodeURIComponent(lessonId)}/scoring`, lessonScoringSchema, { body: { rubricId } }).then(() => undefined)).then((done) => done && scoring.reload());
  const close = () =>
    void change.run(() => api(`/lessons/${encodeURIComponent(lessonId)}/scoring/close`, lessonScoringSchema, { method: 'POST' }).then(() => undefined)).then((done) => done && scoring.reload());
  return (
    <div className="scoring-control" data-testid="scoring-control">
      <LoadState loaded={scoring}>
        {({ current }) =>
          current && current.open ? (
            <div className="account-panel__row">
              <span data-testid="scoring-state" data-open="true">
                {t('admin.scoring.open', { rubric: current.rubricName, count: current.scorers })}
              </span>
              <button type="button" disabled={change.pending} onClick={close} data-testid="scoring-close">
                {t('admin.scoring.close')}
              </button>
            </div>
          ) : (
            <div className="account-panel__row">
              {current && (
                <span data-testid="scoring-state" data-open="false">
                  {t('admin.scoring.closed', { rubric: current.rubricName, count: current.scorers })}
                </span>
              )}
              <LoadState loaded={rubrics}>
                {(list) =>
                  list.length === 0 ? (
                    <span className="account-muted">{t('admin.scoring.noRubric')}</span>
                  ) : (
                    <>
                      <select value={rubricId} onChange={(event) => setRubricId(event.target.value)} data-testid="scoring-rubric">
                        <option value="">{t('admin.scoring.pickRubric')}</option>
                        {list.map((rubric) => (
                          <option key={rubric.id} value={rubric.id}>
                            {rubric.name}
                          </option>
                        ))}
                      </select>
                      <button type="button" className="button--primary" disabled={change.pending || rubricId === ''} onClick={open} data-testid="scoring-open">
                        {current ? t('admin.scoring.reopen') : t('admin.scoring.start')}
                      </button>
                    </>
                  )
                }
              </LoadState>
            </div>
          )
        }
      </LoadState>
      <RequestError error={change.error} />
    </div>
  );
}
