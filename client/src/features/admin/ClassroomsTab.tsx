import { useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { classroomSchema, terminalSchema, type TerminalLink } from '@shared';
import { api } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { RequestError } from '../accounts/RequestError';
import { useLoad } from '../accounts/useLoad';
import { useRequest } from '../accounts/useRequest';
import { adminDictionary } from './adminMessages';
import { firstSchool, type AdminScope } from './adminScope';
import { ClassroomCard } from './ClassroomCard';
import { SchoolPicker } from './SchoolPicker';
import { TerminalLinkDialog } from './TerminalLinkDialog';

const classroomsSchema = z.array(classroomSchema);
const terminalsSchema = z.array(terminalSchema);

/** 教室与终端: a school's classrooms, and for each the computers registered to join its lessons by themselves. */
export function ClassroomsTab({ scope }: { scope: AdminScope }) {
  const t = useDictionary(adminDictionary);
  const [schoolId, setSchoolId] = useState(() => firstSchool(scope));
  const [link, setLink] = useState<TerminalLink | null>(null);
  // A bureau admin's schools may arrive after the tab opened.
  useEffect(() => {
    if (!schoolId && scope.schools[0]) setSchoolId(scope.schools[0].id);
  }, [schoolId, scope.schools]);

  const query = `?schoolId=${encodeURIComponent(schoolId)}`;
  const classrooms = useLoad(() => (schoolId ? api(`/classrooms${query}`, classroomsSchema) : Promise.resolve([])), `classrooms${query}`);
  const terminals = useLoad(() => (schoolId ? api(`/terminals${query}`, terminalsSchema) : Promise.resolve([])), `terminals${query}`);
  const schoolName = scope.schools.find((school) => school.id === schoolId)?.name ?? scope.me.schoolName ?? '';

  const showLink = (issued: TerminalLink) => {
    setLink(issued);
    terminals.reload();
  };

  return (
    <>
      <h2 className="account-panel__title">{t('admin.tab.classrooms')}</h2>
      <SchoolPicker schools={scope.schools} value={schoolId} onChange={setSchoolId} testId="classrooms-school" />
      {schoolId && <NewClassroomForm schoolId={schoolId} onCreated={classrooms.reload} />}
      <LoadState loaded={classrooms}>
        {(list) =>
          list.length === 0 ? (
            <p className="account-muted">{t('admin.classrooms.none')}</p>
          ) : (
            <div className="classroom-list" data-testid="classroom-list">
              {list.map((classroom) => (
                <ClassroomCard
                  key={classroom.id}
                  classroom={classroom}
                  terminals={terminals.data?.filter((terminal) => terminal.classroomId === classroom.id) ?? []}
                  onLink={showLink}
                  onChanged={terminals.reload}
                />
              ))}
            </div>
          )
        }
      </LoadState>
      {link && <TerminalLinkDialog link={link} schoolName={schoolName} onClose={() => setLink(null)} />}
    </>
  );
}

function NewClassroomForm({ schoolId, onCreated }: { schoolId: string; onCreated(): void }) {
  const t = useDictionary(adminDictionary);
  const [name, setName] = useState('');
  const create = useRequest();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    void create
      .run(() => api('/classrooms', classroomSchema, { body: { schoolId, name: name.trim() } }).then(() => setName('')))
      .then((done) => done && onCreated());
  };
  return (
    <form className="account-form" data-testid="new-classroom-form" onSubmit={submit}>
      <label className="field field--wide">
        <span>{t('admin.classrooms.name')}</span>
        <input data-testid="new-classroom-name" value={name} maxLength={100} placeholder={t('admin.classrooms.namePlaceholder')} onChange={(event) => setName(event.target.value)} />
      </label>
      <button type="submit" className="button--primary" data-testid="new-classroom-submit" disabled={create.pending || !name.trim()}>
        {t('admin.classrooms.create')}
      </button>
      <RequestError error={create.error} />
    </form>
  );
}
