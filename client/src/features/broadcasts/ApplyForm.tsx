import { useState, type FormEvent } from 'react';
import { broadcastSchema, type Classroom, type Me, type NewBroadcast, type School } from '@shared';
import { fromLocalInput } from '../accounts/format';
import { useRequest } from '../accounts/useRequest';
import { timetableApi } from '../timetable/timetableApi';
import { TimetableError } from '../timetable/TimetableError';
import { splitClassrooms } from '../teach/lessonPlan';
import type { BroadcastTranslate } from './broadcastMessages';

interface Draft {
  title: string;
  subject: string;
  grade: string;
  hostClassroomId: string;
  startsAt: string;
  endsAt: string;
  public: boolean;
  schoolIds: string[];
  classroomIds: string[];
  expectedViewers: string;
}

/** The application as the server takes it, or null while something required is missing. */
function applicationOf(draft: Draft): NewBroadcast | null {
  const startsAt = fromLocalInput(draft.startsAt);
  const endsAt = fromLocalInput(draft.endsAt);
  const audience = { public: draft.public, schoolIds: draft.schoolIds, classroomIds: draft.classroomIds };
  if (!draft.title.trim() || !draft.hostClassroomId || !startsAt || !endsAt || endsAt <= startsAt) return null;
  if (!audience.public && audience.schoolIds.length === 0 && audience.classroomIds.length === 0) return null;
  return {
    title: draft.title.trim(),
    ...(draft.subject.trim() ? { subject: draft.subject.trim() } : {}),
    ...(draft.grade.trim() ? { grade: draft.grade.trim() } : {}),
    hostClassroomId: draft.hostClassroomId,
    startsAt,
    endsAt,
    audience,
    expectedViewers: Math.max(0, Math.round(Number(draft.expectedViewers) || 0)),
  };
}

/** 申请直播: title, subject, grade, her classroom, the time, the audience (public, schools, classrooms) and how many are expected. */
export function ApplyForm({ me, classrooms, schools, t, onApplied }: { me: Me; classrooms: Classroom[]; schools: School[]; t: BroadcastTranslate; onApplied(): void }) {
  const { own, paired } = splitClassrooms(classrooms, me.schoolId);
  const empty = (): Draft => ({ title: '', subject: '', grade: '', hostClassroomId: own.length === 1 ? own[0]!.id : '', startsAt: '', endsAt: '', public: true, schoolIds: [], classroomIds: [], expectedViewers: '' });
  const [draft, setDraft] = useState<Draft>(empty);
  const [missing, setMissing] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const request = useRequest();
  const change = (patch: Partial<Draft>) => {
    setDraft((previous) => ({ ...previous, ...patch }));
    setSent(null);
  };
  const toggle = (list: 'schoolIds' | 'classroomIds', id: string, on: boolean) => change({ [list]: on ? [...draft[list], id] : draft[list].filter((other) => other !== id) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const application = applicationOf(draft);
    setMissing(application === null);
    if (!application) return;
    void request.run(() =>
      timetableApi('/broadcasts', broadcastSchema, application).then((created) => {
        setDraft(empty());
        setSent(created.title);
        onApplied();
      }),
    );
  };
  return (
    <form className="account-form account-form--column account-form--full" data-testid="broadcast-apply-form" onSubmit={submit} noValidate>
      <div className="account-form">
        <label className="field field--wide">
          <span>{t('broadcast.form.title')}</span>
          <input data-testid="broadcast-title" value={draft.title} maxLength={200} placeholder={t('broadcast.form.titlePlaceholder')} onChange={(e) => change({ title: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('broadcast.form.host')}</span>
          <select data-testid="broadcast-host" value={draft.hostClassroomId} onChange={(e) => change({ hostClassroomId: e.target.value })}>
            <option value="">{t('broadcast.form.pickHost')}</option>
            {own.map((room) => (
              <option key={room.id} value={room.id}>
                {room.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="account-form">
        <label className="field">
          <span>{t('broadcast.form.subject')}</span>
          <input data-testid="broadcast-subject" value={draft.subject} maxLength={64} onChange={(e) => change({ subject: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('broadcast.form.grade')}</span>
          <input data-testid="broadcast-grade" value={draft.grade} maxLength={64} onChange={(e) => change({ grade: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('broadcast.form.startsAt')}</span>
          <input data-testid="broadcast-starts" type="datetime-local" value={draft.startsAt} onChange={(e) => change({ startsAt: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('broadcast.form.endsAt')}</span>
          <input data-testid="broadcast-ends" type="datetime-local" value={draft.endsAt} onChange={(e) => change({ endsAt: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('broadcast.form.viewers')}</span>
          <input data-testid="broadcast-viewers" type="number" min={0} value={draft.expectedViewers} onChange={(e) => change({ expectedViewers: e.target.value })} />
        </label>
      </div>
      <fieldset className="field" data-testid="broadcast-audience">
        <legend>{t('broadcast.form.audience')}</legend>
        <label>
          <input type="checkbox" data-testid="broadcast-public" checked={draft.public} onChange={(e) => change({ public: e.target.checked })} />
          {t('broadcast.form.public')}
        </label>
        <strong>{t('broadcast.form.schools')}</strong>
        <ul className="checkbox-list">
          {schools.map((school) => (
            <li key={school.id}>
              <label>
                <input type="checkbox" data-testid="broadcast-school" data-school-id={school.id} checked={draft.schoolIds.includes(school.id)} onChange={(e) => toggle('schoolIds', school.id, e.target.checked)} />
                {school.name}
              </label>
            </li>
          ))}
        </ul>
        <strong>{t('broadcast.form.classrooms')}</strong>
        {paired.map((school) => (
          <ul key={school.schoolName} className="checkbox-list">
            {school.classrooms.map((room) => (
              <li key={room.id}>
                <label>
                  <input type="checkbox" data-testid="broadcast-classroom" data-classroom-id={room.id} checked={draft.classroomIds.includes(room.id)} onChange={(e) => toggle('classroomIds', room.id, e.target.checked)} />
                  {school.schoolName} · {room.name}
                </label>
              </li>
            ))}
          </ul>
        ))}
      </fieldset>
      <div className="account-form">
        <button type="submit" className="big-button big-button--start" data-testid="broadcast-submit" disabled={request.pending}>
          {t('broadcast.form.submit')}
        </button>
      </div>
      {missing && <p className="form-error" role="alert" data-testid="broadcast-missing">{t('broadcast.form.missing')}</p>}
      {sent && (
        <p className="form-ok" role="status" data-testid="broadcast-sent">
          {t('broadcast.form.sent', { title: sent })}
        </p>
      )}
      <TimetableError error={request.error} />
    </form>
  );
}
