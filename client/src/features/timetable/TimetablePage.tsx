import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { schoolSchema, scopeOf, termSchema, timetableSchema, type Me } from '@shared';
import { api } from '../auth/session';
import { AccountBar } from '../accounts/AccountBar';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { SessionProblem } from '../accounts/SessionProblem';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { useSignedIn } from '../accounts/useSignedIn';
import { timetableApi } from './timetableApi';
import { TimetableError } from './TimetableError';
import { timetableDictionary } from './timetableMessages';
import { TermView } from './TermView';
import '../accounts/accounts.css';
import './timetable.css';

const termsSchema = z.array(termSchema);
const schoolsSchema = z.array(schoolSchema);

/** 课表 (`/timetable`): a school's week of paired lessons, for its admins to fill and its teachers to see and fill with their own. */
export function TimetablePage() {
  const t = useDictionary(timetableDictionary);
  const signed = useSignedIn({ required: true });
  if (signed.phase === 'signedIn') return <Timetables me={signed.me} />;
  return (
    <div className="account-page" data-testid="timetable-page" data-phase={signed.phase}>
      <AccountBar title={t('timetable.title')} me={null} />
      <SessionProblem state={signed} />
    </div>
  );
}

function Timetables({ me }: { me: Me }) {
  const t = useDictionary(timetableDictionary);
  const mayRead = scopeOf('timetable.read', me.role) !== null;
  const terms = useLoad(() => (mayRead ? api('/timetable/terms', termsSchema) : Promise.resolve([])), 'terms');
  const [chosen, setChosen] = useState<string | null>(null);
  const mayCreateTerm = ['bureau', 'school'].includes(scopeOf('timetable.manage', me.role) ?? '');
  return (
    <div className="account-page timetable-page" data-testid="timetable-page" data-phase="signedIn">
      <AccountBar title={t('timetable.title')} me={me} />
      {!mayRead ? (
        <p className="account-panel">{t('timetable.notAllowed')}</p>
      ) : (
        <LoadState loaded={terms}>
          {(list) => {
            const termId = chosen ?? list[0]?.id ?? null;
            return (
              <>
                <div className="account-panel timetable-terms">
                  {list.length === 0 ? (
                    <p className="account-muted">{t('timetable.noTerm')}</p>
                  ) : (
                    <label className="field">
                      <span>{t('timetable.term')}</span>
                      <select data-testid="timetable-term-pick" value={termId ?? ''} onChange={(e) => setChosen(e.target.value)}>
                        {list.map((term) => (
                          <option key={term.id} value={term.id}>
                            {term.name}（{term.startsOn} – {term.endsOn}）
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                  {mayCreateTerm && <NewTermForm me={me} onCreated={(id) => (setChosen(id), terms.reload())} />}
                </div>
                {termId && <TermView key={termId} me={me} termId={termId} />}
              </>
            );
          }}
        </LoadState>
      )}
    </div>
  );
}

/** 新建学期: its school (a bureau admin picks one), its name and dates. */
function NewTermForm({ me, onCreated }: { me: Me; onCreated(termId: string): void }) {
  const t = useDictionary(timetableDictionary);
  const schools = useLoad(() => (me.role === 'bureauAdmin' ? api('/schools', schoolsSchema) : Promise.resolve([])), 'schools');
  const [schoolId, setSchoolId] = useState(me.schoolId ?? '');
  const [name, setName] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const create = useRequest();
  const school = schoolId || schools.data?.[0]?.id || '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run(() =>
      timetableApi('/timetable/terms', timetableSchema, { schoolId: school, name: name.trim(), startsOn, endsOn }).then((created) => {
        setName('');
        onCreated(created.term.id);
      }),
    );
  };
  return (
    <form className="account-form" data-testid="new-term-form" onSubmit={submit}>
      {me.role === 'bureauAdmin' && (
        <label className="field">
          <span>{t('timetable.school')}</span>
          <select data-testid="term-school" value={school} onChange={(e) => setSchoolId(e.target.value)}>
            {(schools.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{t('timetable.termName')}</span>
        <input data-testid="term-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('timetable.startsOn')}</span>
        <input type="date" data-testid="term-from" required value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('timetable.endsOn')}</span>
        <input type="date" data-testid="term-to" required value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
      </label>
      <button type="submit" className="button--primary" data-testid="term-create" disabled={create.pending || !name.trim() || !school}>
        {t('timetable.newTerm')}
      </button>
      <TimetableError error={create.error} />
    </form>
  );
}
