import { useState, type FormEvent } from 'react';
import { timetableSchema, type Timetable } from '@shared';
import { ConfirmButton } from '../accounts/ConfirmButton';
import { useDictionary } from '../accounts/dictionary';
import { useRequest } from '../accounts/useRequest';
import { timetableApi } from './timetableApi';
import { TimetableError } from './TimetableError';
import { timetableDictionary } from './timetableMessages';

/** 假期 of the term (admins add and remove them) and its 调课 record, each with 撤销. */
export function HolidaysPanel({ timetable, mayManageTerm, mayChange, onChanged }: { timetable: Timetable; mayManageTerm: boolean; mayChange: boolean; onChanged(): void }) {
  const t = useDictionary(timetableDictionary);
  const { term, holidays, changes, entries } = timetable;
  const [name, setName] = useState('');
  const [startsOn, setStartsOn] = useState(term.startsOn);
  const [endsOn, setEndsOn] = useState(term.startsOn);
  const request = useRequest();
  const post = (path: string, body: unknown = {}) => request.run(() => timetableApi(path, timetableSchema, body).then(onChanged));
  const add = (event: FormEvent) => {
    event.preventDefault();
    void post(`/timetable/terms/${encodeURIComponent(term.id)}/holidays`, { name: name.trim(), startsOn, endsOn }).then((ok) => ok && setName(''));
  };
  const titleOf = (entryId: string) => entries.find((e) => e.id === entryId)?.title ?? entryId;

  return (
    <section className="account-panel timetable-term-details">
      <h3 className="timetable-panel__title">{t('timetable.holidays')}</h3>
      {holidays.length === 0 ? (
        <p className="account-muted">{t('timetable.noHolidays')}</p>
      ) : (
        <ul className="account-list" data-testid="timetable-holidays">
          {holidays.map((h) => (
            <li key={h.id} className="account-panel__row">
              <strong>{h.name}</strong>
              <span>
                {h.startsOn} – {h.endsOn}
              </span>
              {mayManageTerm && (
                <ConfirmButton label={t('timetable.deleteHoliday')} question={`${t('timetable.deleteHoliday')} ${h.name}?`} testId="holiday-delete" onConfirm={() => void post(`/timetable/holidays/${encodeURIComponent(h.id)}/delete`)} />
              )}
            </li>
          ))}
        </ul>
      )}
      {mayManageTerm && (
        <form className="account-form" data-testid="holiday-form" onSubmit={add}>
          <label className="field">
            <span>{t('timetable.holidayName')}</span>
            <input data-testid="holiday-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('timetable.startsOn')}</span>
            <input type="date" data-testid="holiday-from" required min={term.startsOn} max={term.endsOn} value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('timetable.endsOn')}</span>
            <input type="date" data-testid="holiday-to" required min={term.startsOn} max={term.endsOn} value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
          </label>
          <button type="submit" className="button--primary" data-testid="holiday-add" disabled={request.pending || !name.trim()}>
            {t('timetable.addHoliday')}
          </button>
        </form>
      )}
      {changes.length > 0 && (
        <>
          <h3 className="timetable-panel__title">{t('timetable.changes')}</h3>
          <ul className="account-list" data-testid="timetable-changes">
            {changes.map((c) => (
              <li key={c.id} className="account-panel__row">
                <span>
                  {c.kind === 'cancel'
                    ? t('timetable.change.cancel', { title: titleOf(c.entryId), date: c.occursOn })
                    : t('timetable.change.move', { title: titleOf(c.entryId), date: c.occursOn, toDate: c.toDate ?? '', start: c.startsAt ?? '', end: c.endsAt ?? '' })}
                </span>
                {mayChange && (
                  <button type="button" data-testid="change-undo" disabled={request.pending} onClick={() => void post(`/timetable/changes/${encodeURIComponent(c.id)}/delete`)}>
                    {t('timetable.undoChange')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <TimetableError error={request.error} />
    </section>
  );
}
