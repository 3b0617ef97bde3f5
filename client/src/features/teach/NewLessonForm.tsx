import { useState, type FormEvent } from 'react';
import { lessonSummarySchema, type Classroom, type Me } from '@shared';
import { api } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { RequestError } from '../accounts/RequestError';
import { useRequest } from '../accounts/useRequest';
import { planFromDraft, splitClassrooms, type LessonDraft, type LessonField } from './lessonPlan';
import { teachDictionary, type TeachKey } from './teachMessages';

/** 新建课程: a title, the classroom she teaches from, the paired classrooms that take part, and (if she likes) when. */
export function NewLessonForm({ me, classrooms, onCreated }: { me: Me; classrooms: Classroom[]; onCreated(): void }) {
  const t = useDictionary(teachDictionary);
  const { own, paired } = splitClassrooms(classrooms, me.schoolId);
  const empty = (): LessonDraft => ({ title: '', hostClassroomId: own.length === 1 ? own[0]!.id : '', classroomIds: [], startsAt: '', endsAt: '' });
  const [draft, setDraft] = useState<LessonDraft>(empty);
  const [problems, setProblems] = useState<Partial<Record<LessonField, TeachKey>>>({});
  const [created, setCreated] = useState<string | null>(null);
  const create = useRequest();
  const change = (patch: Partial<LessonDraft>) => {
    setDraft((previous) => ({ ...previous, ...patch }));
    setCreated(null);
  };
  const toggle = (id: string, on: boolean) => change({ classroomIds: on ? [...draft.classroomIds, id] : draft.classroomIds.filter((other) => other !== id) });
  const problem = (field: LessonField) =>
    problems[field] && (
      <small className="field__problem" data-testid={`new-lesson-problem-${field}`}>
        {t(problems[field])}
      </small>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { plan, problems: found } = planFromDraft(draft);
    setProblems(found);
    if (!plan) return;
    void create.run(() =>
      api('/lessons', lessonSummarySchema, { body: plan }).then((lesson) => {
        setDraft(empty());
        setCreated(lesson.title);
        onCreated();
      }),
    );
  };

  return (
    <form className="account-form account-form--column account-form--full" data-testid="new-lesson-form" onSubmit={submit} noValidate>
      <div className="account-form">
        <label className="field field--wide">
          <span>{t('teach.new.title')}</span>
          <input data-testid="new-lesson-title" value={draft.title} maxLength={200} placeholder={t('teach.new.titlePlaceholder')} onChange={(event) => change({ title: event.target.value })} />
          {problem('title')}
        </label>
        <label className="field">
          <span>{t('teach.new.host')}</span>
          <select data-testid="new-lesson-host" value={draft.hostClassroomId} onChange={(event) => change({ hostClassroomId: event.target.value })}>
            <option value="">{t('teach.new.pickHost')}</option>
            {own.map((classroom) => (
              <option key={classroom.id} value={classroom.id}>
                {classroom.name}
              </option>
            ))}
          </select>
          {problem('hostClassroomId')}
        </label>
      </div>
      <div className="account-form">
        <label className="field">
          <span>{t('teach.new.subject')}</span>
          <input data-testid="new-lesson-subject" list="lesson-subjects" value={draft.subject ?? ''} maxLength={64} onChange={(event) => change({ subject: event.target.value })} />
          <datalist id="lesson-subjects">
            {t('teach.new.subjects').split('|').map((subject) => (
              <option key={subject} value={subject} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>{t('teach.new.grade')}</span>
          <input data-testid="new-lesson-grade" list="lesson-grades" value={draft.grade ?? ''} maxLength={64} onChange={(event) => change({ grade: event.target.value })} />
          <datalist id="lesson-grades">
            {t('teach.new.grades').split('|').map((grade) => (
              <option key={grade} value={grade} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>{t('teach.new.record')}</span>
          <select data-testid="new-lesson-record" value={draft.record ?? ''} onChange={(event) => change({ record: event.target.value as LessonDraft['record'] })}>
            <option value="">{t('teach.new.record.school')}</option>
            <option value="yes">{t('teach.new.record.yes')}</option>
            <option value="no">{t('teach.new.record.no')}</option>
          </select>
        </label>
      </div>
      <fieldset className="field" data-testid="new-lesson-classrooms">
        <legend>{t('teach.new.classrooms')}</legend>
        {paired.length === 0 && <p className="account-hint">{t('teach.new.noPaired')}</p>}
        {paired.map((school) => (
          <div key={school.schoolName} className="paired-school">
            <strong>{school.schoolName}</strong>
            <ul className="checkbox-list">
              {school.classrooms.map((classroom) => (
                <li key={classroom.id}>
                  <label>
                    <input
                      type="checkbox"
                      data-testid="new-lesson-classroom"
                      data-classroom-id={classroom.id}
                      checked={draft.classroomIds.includes(classroom.id)}
                      onChange={(event) => toggle(classroom.id, event.target.checked)}
                    />
                    {classroom.name}
                  </label>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {problem('classroomIds')}
      </fieldset>
      <div className="account-form">
        <label className="field">
          <span>{t('teach.new.startsAt')}</span>
          <input data-testid="new-lesson-starts" type="datetime-local" value={draft.startsAt} onChange={(event) => change({ startsAt: event.target.value })} />
        </label>
        <label className="field">
          <span>{t('teach.new.endsAt')}</span>
          <input data-testid="new-lesson-ends" type="datetime-local" value={draft.endsAt} onChange={(event) => change({ endsAt: event.target.value })} />
          {problem('endsAt')}
        </label>
        <button type="submit" className="big-button big-button--start" data-testid="new-lesson-submit" disabled={create.pending}>
          {t('teach.new.create')}
        </button>
      </div>
      {created && (
        <p className="form-ok" role="status" data-testid="new-lesson-created">
          {t('teach.new.created', { title: created })}
        </p>
      )}
      <RequestError error={create.error} />
    </form>
  );
}
