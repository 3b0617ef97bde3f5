import { useState } from 'react';
import { lessonScoringSchema, sheetTotal, type LessonScoring, type RubricCriterion } from '@shared';
import { RequestError } from '../accounts/RequestError';
import { formatTime } from '../accounts/format';
import { useRequest } from '../accounts/useRequest';
import { api } from '../auth/session';
import { useI18nStore } from '../i18n/i18nStore';
import type { ReviewTranslate } from './reviewMessages';
import { scoreText } from './reviewFormat';

/** A scale this short is a row of big buttons, one per whole point; a longer one (0–100) is typed. */
const MAX_BUTTONS = 11;

function CriterionScore({ criterion, value, onChange, disabled, t }: { criterion: RubricCriterion; value: number | undefined; onChange(value: number | undefined): void; disabled: boolean; t: ReviewTranslate }) {
  const points = Array.from({ length: criterion.max - criterion.min + 1 }, (_, i) => criterion.min + i);
  return (
    <fieldset className="score-criterion" data-testid="score-criterion" data-criterion={criterion.id}>
      <legend>
        {criterion.name} <span className="account-muted">{criterion.weight}% · {criterion.min}–{criterion.max}</span>
      </legend>
      {points.length <= MAX_BUTTONS ? (
        <div className="score-points" role="radiogroup" aria-label={criterion.name}>
          {points.map((point) => (
            <button
              key={point}
              type="button"
              role="radio"
              aria-checked={value === point}
              aria-label={t('score.pick', { name: criterion.name, score: point })}
              className={value === point ? 'score-point score-point--on' : 'score-point'}
              disabled={disabled}
              data-testid="score-point"
              data-point={point}
              onClick={() => onChange(value === point ? undefined : point)}
            >
              {point}
            </button>
          ))}
        </div>
      ) : (
        <input
          type="number"
          className="score-input"
          min={criterion.min}
          max={criterion.max}
          step={0.5}
          value={value ?? ''}
          disabled={disabled}
          aria-label={criterion.name}
          onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
        />
      )}
      {criterion.descriptors.length > 0 && (
        <ul className="score-descriptors" aria-label={t('score.descriptors')}>
          {[...criterion.descriptors].sort((a, b) => b.score - a.score).map((d) => (
            <li key={d.score}>
              <strong>{d.score}</strong> {d.text}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** 我的评分: one sheet per scorer, changed as often as needed until scoring closes. */
export function ScoreSheetForm({ scoring, onSaved, t }: { scoring: LessonScoring; onSaved(next: LessonScoring): void; t: ReviewTranslate }) {
  const locale = useI18nStore((state) => state.locale);
  const [scores, setScores] = useState<Record<string, number>>(() => ({ ...(scoring.mine?.scores ?? {}) }));
  const request = useRequest();
  const disabled = !scoring.mayScore || request.pending;
  const total = sheetTotal(scoring.criteria, scores);
  const missing = scoring.criteria.filter((c) => scores[c.id] === undefined).length;
  const submit = () =>
    void request.run(async () => {
      onSaved(await api(`/lessons/${encodeURIComponent(scoring.lessonId)}/score`, lessonScoringSchema, { body: { scores } }));
    });
  // Her own lesson (or nothing of hers to show once closed): a sentence, not a sheet of greyed buttons.
  if (!scoring.mayScore && !scoring.mine) {
    return (
      <p className="account-muted" data-testid={scoring.open ? 'score-own' : 'score-closed'}>
        {scoring.open ? t('score.own') : t('score.closed')}
      </p>
    );
  }
  return (
    <section className="account-panel score-sheet" data-testid="score-sheet" data-open={scoring.open}>
      <h2 className="account-panel__title">{t('score.title', { rubric: scoring.rubricName })}</h2>
      {!scoring.open && <p className="account-muted" data-testid="score-closed">{t('score.closed')}</p>}
      {scoring.criteria.map((criterion) => (
        <CriterionScore
          key={criterion.id}
          criterion={criterion}
          value={scores[criterion.id]}
          disabled={disabled}
          t={t}
          onChange={(value) =>
            setScores((current) => {
              const next = { ...current };
              if (value === undefined) delete next[criterion.id];
              else next[criterion.id] = value;
              return next;
            })
          }
        />
      ))}
      <p className="score-total" data-testid="score-total">
        {t('score.total', { total: scoreText(total) })}
        {missing > 0 && <span className="account-muted"> · {t('score.missing', { count: missing })}</span>}
      </p>
      {scoring.mayScore && (
        <button type="button" className="big-button" disabled={disabled || missing === scoring.criteria.length} onClick={submit} data-testid="score-submit">
          {scoring.mine ? t('score.update') : t('score.submit')}
        </button>
      )}
      {scoring.mine && (
        <p className="account-muted" data-testid="score-saved">
          {t('score.saved', { time: formatTime(scoring.mine.updatedAt, locale) })} · {t('score.scorers', { count: scoring.scorers })}
        </p>
      )}
      <RequestError error={request.error} />
    </section>
  );
}
