import { addDays, type PlannedOccurrence, type Timetable } from '@shared';
import { useDictionary } from '../accounts/dictionary';
import { timetableDictionary } from './timetableMessages';
import { mondayOf, startTimes, weekOf } from './weekView';

export interface WeekGridProps {
  timetable: Timetable;
  monday: string;
  today: string;
  onWeek(monday: string): void;
  /** The occurrence picked for 调课 or editing. */
  picked: PlannedOccurrence | null;
  onPick(occurrence: PlannedOccurrence): void;
}

const sameOccurrence = (a: PlannedOccurrence | null, b: PlannedOccurrence) => a !== null && a.entry.id === b.entry.id && a.occursOn === b.occursOn;

/** 课表 of one week: 周一 … 周日 across, start times down; a holiday's column says so; a lesson is a big button. */
export function WeekGrid({ timetable, monday, today, onWeek, picked, onPick }: WeekGridProps) {
  const t = useDictionary(timetableDictionary);
  const week = weekOf(timetable, monday);
  const times = startTimes(week);
  return (
    <section className="timetable-week" data-testid="timetable-week" data-monday={monday}>
      <div className="timetable-week__nav">
        <button type="button" data-testid="week-prev" onClick={() => onWeek(addDays(monday, -7))}>
          {t('timetable.prevWeek')}
        </button>
        <button type="button" data-testid="week-today" onClick={() => onWeek(mondayOf(today))}>
          {t('timetable.thisWeek')}
        </button>
        <strong className="timetable-week__range">{t('timetable.weekOf', { from: monday, to: addDays(monday, 6) })}</strong>
        <button type="button" data-testid="week-next" onClick={() => onWeek(addDays(monday, 7))}>
          {t('timetable.nextWeek')}
        </button>
      </div>
      <div className="timetable-grid" role="table" style={{ gridTemplateRows: `auto repeat(${Math.max(1, times.length)}, minmax(96px, auto))` }}>
        <div className="timetable-grid__corner" role="columnheader">
          {t('timetable.time')}
        </div>
        {week.map((day) => (
          <div key={day.date} role="columnheader" className={`timetable-grid__day${day.date === today ? ' timetable-grid__day--today' : ''}`} data-testid={`day-${day.date}`}>
            <strong>{t(`timetable.weekday.${day.weekday}` as 'timetable.weekday.1')}</strong>
            <span>{day.date.slice(5)}</span>
            {day.holiday && <span className="timetable-grid__holiday">{day.holiday}</span>}
            {!day.inTerm && <span className="account-muted">{t('timetable.outOfTerm')}</span>}
          </div>
        ))}
        {times.length === 0 && <p className="timetable-grid__empty account-muted">{t('timetable.emptyWeek')}</p>}
        {times.map((time) => [
          <div key={time} className="timetable-grid__time" role="rowheader">
            {time}
          </div>,
          ...week.map((day) => (
            <div key={`${day.date}-${time}`} role="cell" className={`timetable-grid__cell${day.holiday ? ' timetable-grid__cell--holiday' : ''}`}>
              {day.occurrences
                .filter((o) => o.startsAt === time)
                .map((o) => (
                  <button
                    key={`${o.entry.id}-${o.occursOn}`}
                    type="button"
                    className={`timetable-lesson timetable-lesson--${o.entry.form}`}
                    aria-pressed={sameOccurrence(picked, o)}
                    data-testid="timetable-lesson"
                    data-entry-id={o.entry.id}
                    data-date={o.date}
                    onClick={() => onPick(o)}
                  >
                    <span className="timetable-lesson__form">{t(`timetable.form.${o.entry.form}`)}</span>
                    <strong className="timetable-lesson__title">{o.entry.title}</strong>
                    <span>
                      {o.startsAt}–{o.endsAt} · {o.entry.teacherName}
                    </span>
                    {o.occursOn !== o.date && <span className="timetable-lesson__moved">{t('timetable.moved', { date: o.occursOn })}</span>}
                  </button>
                ))}
            </div>
          )),
        ])}
      </div>
    </section>
  );
}
