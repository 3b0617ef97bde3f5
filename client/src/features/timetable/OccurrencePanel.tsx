import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { timetableSchema, type PlannedOccurrence, type Timetable } from '@shared';
import { ConfirmButton } from '../accounts/ConfirmButton';
import { useDictionary } from '../accounts/dictionary';
import { useRequest } from '../accounts/useRequest';
import { timetableApi } from './timetableApi';
import { TimetableError } from './TimetableError';
import { timetableDictionary } from './timetableMessages';

export interface OccurrencePanelProps {
  timetable: Timetable;
  occurrence: PlannedOccurrence;
  /** Whether this one may change the entry (its teacher, or an admin of its school). */
  mayChange: boolean;
  onEdit(): void;
  onChanged(): void;
}

/** One lesson picked in the grid: 调课 of this occurrence (取消这一次, 调到 another day and time), or the whole entry changed. */
export function OccurrencePanel({ timetable, occurrence, mayChange, onEdit, onChanged }: OccurrencePanelProps) {
  const t = useDictionary(timetableDictionary);
  const { entry } = occurrence;
  const [toDate, setToDate] = useState(occurrence.date);
  const [startsAt, setStartsAt] = useState(occurrence.startsAt);
  const [endsAt, setEndsAt] = useState(occurrence.endsAt);
  const change = useRequest();
  const existing = timetable.changes.find((c) => c.entryId === entry.id && c.occursOn === occurrence.occursOn);
  const post = (path: string, body?: unknown) => change.run(() => timetableApi(path, body === undefined ? z.unknown() : timetableSchema, body ?? {}).then(onChanged));

  const move = (event: FormEvent) => {
    event.preventDefault();
    void post('/timetable/changes', { kind: 'move', entryId: entry.id, occursOn: occurrence.occursOn, toDate, startsAt, endsAt });
  };

  return (
    <section className="account-panel timetable-occurrence" data-testid="timetable-occurrence" data-entry-id={entry.id}>
      <h3 className="timetable-panel__title">
        {entry.title} · {t(`timetable.form.${entry.form}`)}
      </h3>
      <p>{t('timetable.occurrence', { date: occurrence.date, start: occurrence.startsAt, end: occurrence.endsAt })}</p>
      {mayChange && (
        <>
          <div className="timetable-actions">
            <button type="button" data-testid="entry-edit" onClick={onEdit}>
              {t('timetable.editEntry')}
            </button>
            {existing ? (
              <button type="button" data-testid="change-undo" disabled={change.pending} onClick={() => void post(`/timetable/changes/${encodeURIComponent(existing.id)}/delete`, {})}>
                {t('timetable.undoChange')}
              </button>
            ) : (
              entry.weekday !== null && (
                <button type="button" data-testid="occurrence-cancel" disabled={change.pending} onClick={() => void post('/timetable/changes', { kind: 'cancel', entryId: entry.id, occursOn: occurrence.occursOn })}>
                  {t('timetable.cancelOnce')}
                </button>
              )
            )}
            <ConfirmButton
              label={t('timetable.deleteEntry')}
              question={t('timetable.deleteQuestion')}
              testId="entry-delete"
              disabled={change.pending}
              onConfirm={() => void post(`/timetable/entries/${encodeURIComponent(entry.id)}/delete`)}
            />
          </div>
          {entry.weekday !== null && !existing && (
            <form className="account-form" data-testid="occurrence-move" onSubmit={move}>
              <label className="field">
                <span>{t('timetable.moveOnce')}</span>
                <input type="date" data-testid="move-date" required value={toDate} onChange={(e) => setToDate(e.target.value)} />
              </label>
              <label className="field">
                <span>{t('timetable.startsAt')}</span>
                <input type="time" data-testid="move-start" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
              </label>
              <label className="field">
                <span>{t('timetable.endsAt')}</span>
                <input type="time" data-testid="move-end" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
              </label>
              <button type="submit" className="button--primary" data-testid="move-submit" disabled={change.pending}>
                {t('timetable.moveSubmit')}
              </button>
            </form>
          )}
        </>
      )}
      <TimetableError error={change.error} />
    </section>
  );
}
