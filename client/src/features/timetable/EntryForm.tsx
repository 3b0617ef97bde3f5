import { useState, type FormEvent } from 'react';
import { lessonFormSchema, timetableEntrySchema, type Classroom, type LessonForm, type NewTimetableEntry, type TimetableEntry } from '@shared';
import { useDictionary } from '../accounts/dictionary';
import { useRequest } from '../accounts/useRequest';
import { timetableApi } from './timetableApi';
import { TimetableError } from './TimetableError';
import { timetableDictionary } from './timetableMessages';

export interface EntryFormProps {
  termId: string;
  /** The term's school: its classrooms host, the others receive. */
  schoolId: string;
  /** Whom the lesson may be given to (a teacher: herself). */
  teachers: ReadonlyArray<{ id: string; name: string }>;
  classrooms: readonly Classroom[];
  /** The entry being changed, or null for a new one. */
  editing: TimetableEntry | null;
  /** A new entry's day to start from (the week shown). */
  firstDate: string;
  onSaved(): void;
  onCancel(): void;
}

/** 排课 / 修改课程: title, the form (四种形式), weekly or once, times, teacher, host and receiving classrooms. */
export function EntryForm({ termId, schoolId, teachers, classrooms, editing, firstDate, onSaved, onCancel }: EntryFormProps) {
  const t = useDictionary(timetableDictionary);
  const [title, setTitle] = useState(editing?.title ?? '');
  const [subject, setSubject] = useState(editing?.subject ?? '');
  const [grade, setGrade] = useState(editing?.grade ?? '');
  const [form, setForm] = useState<LessonForm>(editing?.form ?? 'synchronous');
  const [weekly, setWeekly] = useState(editing ? editing.weekday !== null : true);
  const [weekday, setWeekday] = useState(editing?.weekday ?? 1);
  const [onDate, setOnDate] = useState(editing?.onDate ?? firstDate);
  const [startsAt, setStartsAt] = useState(editing?.startsAt ?? '08:00');
  const [endsAt, setEndsAt] = useState(editing?.endsAt ?? '08:45');
  const [teacherId, setTeacherId] = useState(editing?.teacherAccountId ?? teachers[0]?.id ?? '');
  const hosts = classrooms.filter((c) => c.schoolId === schoolId);
  const [hostId, setHostId] = useState(editing?.hostClassroomId ?? hosts[0]?.id ?? '');
  const [receiving, setReceiving] = useState<string[]>(editing?.classroomIds ?? []);
  const save = useRequest();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value: NewTimetableEntry = {
      title: title.trim(),
      ...(subject.trim() ? { subject: subject.trim() } : {}),
      ...(grade.trim() ? { grade: grade.trim() } : {}),
      form,
      ...(weekly ? { weekday } : { onDate }),
      startsAt,
      endsAt,
      teacherAccountId: teacherId,
      hostClassroomId: hostId,
      classroomIds: receiving.filter((id) => id !== hostId),
    };
    const path = editing ? `/timetable/entries/${encodeURIComponent(editing.id)}` : `/timetable/terms/${encodeURIComponent(termId)}/entries`;
    void save.run(() => timetableApi(path, timetableEntrySchema, value).then(onSaved));
  };
  const toggle = (id: string) => setReceiving((now) => (now.includes(id) ? now.filter((c) => c !== id) : [...now, id]));

  return (
    <form className="account-form timetable-entry-form" data-testid="timetable-entry-form" onSubmit={submit}>
      <h3 className="timetable-panel__title">{t(editing ? 'timetable.editEntry' : 'timetable.newEntry')}</h3>
      <label className="field field--wide">
        <span>{t('timetable.lessonTitle')}</span>
        <input data-testid="entry-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('timetable.subject')}</span>
        <input data-testid="entry-subject" maxLength={64} value={subject} onChange={(e) => setSubject(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('timetable.grade')}</span>
        <input data-testid="entry-grade" maxLength={64} value={grade} onChange={(e) => setGrade(e.target.value)} />
      </label>
      <fieldset className="field timetable-forms">
        <legend>{t('timetable.form')}</legend>
        {lessonFormSchema.options.map((name) => (
          <label key={name} className={`timetable-form-choice timetable-lesson--${name}`}>
            <input type="radio" name="form" data-testid={`entry-form-${name}`} checked={form === name} onChange={() => setForm(name)} />
            {t(`timetable.form.${name}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="field timetable-repeat">
        <legend>{t('timetable.repeat')}</legend>
        <label className="checkbox">
          <input type="radio" name="repeat" data-testid="entry-weekly" checked={weekly} onChange={() => setWeekly(true)} />
          {t('timetable.weekly')}
          <select data-testid="entry-weekday" value={weekday} disabled={!weekly} onChange={(e) => setWeekday(Number(e.target.value))}>
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <option key={d} value={d}>
                {t(`timetable.weekday.${d}` as 'timetable.weekday.1')}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="radio" name="repeat" data-testid="entry-once" checked={!weekly} onChange={() => setWeekly(false)} />
          {t('timetable.once')}
          <input type="date" data-testid="entry-date" value={onDate} disabled={weekly} onChange={(e) => setOnDate(e.target.value)} />
        </label>
      </fieldset>
      <label className="field">
        <span>{t('timetable.startsAt')}</span>
        <input type="time" data-testid="entry-start" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('timetable.endsAt')}</span>
        <input type="time" data-testid="entry-end" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('timetable.teacher')}</span>
        <select data-testid="entry-teacher" value={teacherId} onChange={(e) => setTeacherId(e.target.value)}>
          {teachers.map((teacher) => (
            <option key={teacher.id} value={teacher.id}>
              {teacher.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('timetable.host')}</span>
        <select data-testid="entry-host" value={hostId} onChange={(e) => setHostId(e.target.value)}>
          {hosts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="field field--wide timetable-receiving">
        <legend>{t('timetable.receiving')}</legend>
        {classrooms
          .filter((c) => c.id !== hostId)
          .map((c) => (
            <label key={c.id} className="checkbox">
              <input type="checkbox" data-testid={`entry-classroom-${c.id}`} checked={receiving.includes(c.id)} onChange={() => toggle(c.id)} />
              {c.schoolName} · {c.name}
            </label>
          ))}
      </fieldset>
      <div className="timetable-actions">
        <button type="submit" className="button--primary" data-testid="entry-save" disabled={save.pending || !title.trim() || !teacherId || !hostId}>
          {t('timetable.save')}
        </button>
        {editing && (
          <button type="button" data-testid="entry-cancel" onClick={onCancel}>
            {t('timetable.cancelEdit')}
          </button>
        )}
      </div>
      <TimetableError error={save.error} />
    </form>
  );
}
