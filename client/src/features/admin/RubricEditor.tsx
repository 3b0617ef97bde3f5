import { useState, type FormEvent } from 'react';
import { rubricSchema, type Rubric } from '@shared';
import { useDictionary } from '../accounts/dictionary';
import { RequestError } from '../accounts/RequestError';
import { useRequest } from '../accounts/useRequest';
import { api } from '../auth/session';
import { adminDictionary } from './adminMessages';
import { blankCriterion, draftOf, rowsOf, startingRows, weightSum, type CriterionRow, type DraftProblem } from './rubricDraft';

type Translate = ReturnType<typeof useDictionary<keyof (typeof adminDictionary)['en']>>;

function problemText(t: Translate, problem: DraftProblem): string {
  if (problem.kind === 'weights') return t('admin.rubrics.problem.weights', { sum: problem.sum });
  if (problem.kind === 'descriptor') return t('admin.rubrics.problem.descriptor', { criterion: problem.criterion, line: problem.line });
  return t('admin.rubrics.problem.invalid', { message: problem.message });
}

function CriterionFields({ row, onChange, onRemove, t }: { row: CriterionRow; onChange(row: CriterionRow): void; onRemove: (() => void) | null; t: Translate }) {
  const field = (key: keyof CriterionRow, label: string, width?: string) => (
    <label className={key === 'name' ? 'field field--wide' : 'field'}>
      <span>{label}</span>
      <input value={row[key]} style={width ? { width } : undefined} maxLength={key === 'name' ? 60 : 3} inputMode={key === 'name' ? undefined : 'numeric'} onChange={(event) => onChange({ ...row, [key]: event.target.value })} data-testid={`criterion-${key}`} />
    </label>
  );
  return (
    <fieldset className="rubric-criterion" data-testid="criterion-row">
      <div className="account-form">
        {field('name', t('admin.rubrics.criterion'))}
        {field('weight', t('admin.rubrics.weight'), '6em')}
        {field('min', t('admin.rubrics.min'), '5em')}
        {field('max', t('admin.rubrics.max'), '5em')}
        {onRemove && (
          <button type="button" onClick={onRemove}>
            {t('admin.rubrics.removeCriterion')}
          </button>
        )}
      </div>
      <label className="field">
        <span>{t('admin.rubrics.descriptors')}</span>
        <textarea className="rubric-descriptors" value={row.descriptors} rows={3} onChange={(event) => onChange({ ...row, descriptors: event.target.value })} data-testid="criterion-descriptors" />
      </label>
    </fieldset>
  );
}

/** 评课量表: a rubric's name, owner and weighted criteria, each with its scale and descriptors; the weights' sum shown as it is typed. */
export function RubricEditor({ rubric, schoolId, onSaved, onCancel }: { rubric: Rubric | null; schoolId: string | null; onSaved(): void; onCancel(): void }) {
  const t = useDictionary(adminDictionary);
  const [name, setName] = useState(rubric?.name ?? '');
  const [rows, setRows] = useState<CriterionRow[]>(() => (rubric ? rowsOf(rubric.criteria) : startingRows()));
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const save = useRequest();
  const sum = weightSum(rows);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = draftOf(name, rubric ? rubric.schoolId : schoolId, rows);
    if ('problem' in result) return setProblem(result.problem);
    setProblem(null);
    const path = rubric ? `/rubrics/${encodeURIComponent(rubric.id)}` : '/rubrics';
    void save.run(() => api(path, rubricSchema, { body: result.draft }).then(() => undefined)).then((done) => done && onSaved());
  };
  const nextId = (): string => {
    for (let i = rows.length; ; i++) if (!rows.some((row) => row.id === `c${i + 1}`)) return `c${i + 1}`;
  };
  return (
    <form className="account-panel rubric-editor" onSubmit={submit} data-testid="rubric-editor">
      <label className="field field--wide">
        <span>{t('admin.rubrics.name')}</span>
        <input value={name} maxLength={100} onChange={(event) => setName(event.target.value)} data-testid="rubric-name" />
      </label>
      {rubric && rubric.lessonsScored > 0 && <p className="account-hint">{t('admin.rubrics.inUse', { count: rubric.lessonsScored })}</p>}
      {rows.map((row, i) => (
        <CriterionFields
          key={i}
          row={row}
          t={t}
          onChange={(next) => setRows((current) => current.map((r, j) => (j === i ? next : r)))}
          onRemove={rows.length > 1 ? () => setRows((current) => current.filter((_, j) => j !== i)) : null}
        />
      ))}
      <div className="account-panel__row">
        <button type="button" onClick={() => setRows((current) => [...current, { ...blankCriterion(current.length), id: nextId() }])} data-testid="rubric-add-criterion">
          {t('admin.rubrics.addCriterion')}
        </button>
        <strong className={sum === 100 ? 'rubric-sum' : 'rubric-sum rubric-sum--off'} data-testid="rubric-weight-sum">
          {t('admin.rubrics.weightSum', { sum })}
        </strong>
      </div>
      {problem && (
        <p className="form-error" role="alert" data-testid="rubric-problem">
          {problemText(t, problem)}
        </p>
      )}
      <div className="account-panel__row">
        <button type="submit" className="button--primary" disabled={save.pending} data-testid="rubric-save">
          {t('admin.rubrics.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('admin.rubrics.cancel')}
        </button>
      </div>
      <RequestError error={save.error} />
    </form>
  );
}
