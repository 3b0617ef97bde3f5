import { useState } from 'react';
import { z } from 'zod';
import { accountSchema, classroomSchema, scopeOf, timetableSchema, type Me, type PlannedOccurrence, type TimetableEntry } from '@shared';
import { api } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { useLoad } from '../accounts/useLoad';
import { EntryForm } from './EntryForm';
import { HolidaysPanel } from './HolidaysPanel';
import { OccurrencePanel } from './OccurrencePanel';
import { TimetableFiles } from './TimetableFiles';
import { timetableApi, todayIn } from './timetableApi';
import { timetableDictionary } from './timetableMessages';
import { mondayOf } from './weekView';
import { WeekGrid } from './WeekGrid';

const classroomsSchema = z.array(classroomSchema);
const accountsSchema = z.array(accountSchema);

/** One term on the 课表 page: the week grid, the picked lesson's 调课, 排课, holidays, import and export. */
export function TermView({ me, termId }: { me: Me; termId: string }) {
  const t = useDictionary(timetableDictionary);
  const timetable = useLoad(() => timetableApi(`/timetable/terms/${encodeURIComponent(termId)}`, timetableSchema), termId);
  const classrooms = useLoad(() => api('/classrooms', classroomsSchema), 'classrooms');
  const mayManageTerm = ['bureau', 'school'].includes(scopeOf('timetable.manage', me.role) ?? '');
  const schoolId = timetable.data?.term.schoolId ?? '';
  // An admin gives the lesson to a teacher of the term's school; a teacher only to herself.
  const teachers = useLoad(
    async () => (mayManageTerm && schoolId ? (await api(`/accounts?schoolId=${encodeURIComponent(schoolId)}`, accountsSchema)).filter((a) => a.role === 'teacher' && !a.disabled) : [{ id: me.id, name: me.name }]),
    `teachers-${schoolId}`,
  );
  const [monday, setMonday] = useState<string | null>(null);
  const [picked, setPicked] = useState<PlannedOccurrence | null>(null);
  const [editing, setEditing] = useState<TimetableEntry | null>(null);
  const mayChange = (entry: TimetableEntry) => mayManageTerm || (scopeOf('timetable.manage', me.role) === 'self' && entry.teacherAccountId === me.id);
  const changed = () => {
    setPicked(null);
    setEditing(null);
    timetable.reload();
  };

  return (
    <LoadState loaded={timetable}>
      {(data) => {
        const today = todayIn(data.timeZone);
        const shown = monday ?? mondayOf(today >= data.term.startsOn && today <= data.term.endsOn ? today : data.term.startsOn);
        return (
          <div className="timetable-term" data-testid="timetable-term" data-term-id={data.term.id}>
            <p className="account-muted">{t('timetable.termDates', { from: data.term.startsOn, to: data.term.endsOn, zone: data.timeZone })}</p>
            <WeekGrid timetable={data} monday={shown} today={today} onWeek={setMonday} picked={picked} onPick={(o) => (setPicked(o), setEditing(null))} />
            {picked && !editing && <OccurrencePanel key={`${picked.entry.id}-${picked.occursOn}`} timetable={data} occurrence={picked} mayChange={mayChange(picked.entry)} onEdit={() => setEditing(picked.entry)} onChanged={changed} />}
            {scopeOf('timetable.manage', me.role) !== null && classrooms.data && teachers.data && (
              <section className="account-panel">
                <EntryForm
                  key={editing?.id ?? 'new'}
                  termId={data.term.id}
                  schoolId={data.term.schoolId}
                  teachers={teachers.data}
                  classrooms={classrooms.data}
                  editing={editing}
                  firstDate={shown}
                  onSaved={changed}
                  onCancel={() => setEditing(null)}
                />
              </section>
            )}
            <HolidaysPanel timetable={data} mayManageTerm={mayManageTerm} mayChange={mayManageTerm} onChanged={changed} />
            <TimetableFiles termId={data.term.id} mayImport={mayManageTerm} onImported={changed} />
          </div>
        );
      }}
    </LoadState>
  );
}
