import { z } from 'zod';
import { classroomSchema, lessonSummarySchema, scopeOf, type Me } from '@shared';
import { api } from '../auth/session';
import { AccountBar } from '../accounts/AccountBar';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { SessionProblem } from '../accounts/SessionProblem';
import { useLoad } from '../accounts/useLoad';
import { useSignedIn } from '../accounts/useSignedIn';
import { LessonCard } from './LessonCard';
import { useOpensLessonAhead } from './useOpensLessonAhead';
import { orderLessons } from './lessonPlan';
import { NewLessonForm } from './NewLessonForm';
import { teachDictionary } from './teachMessages';
import '../accounts/accounts.css';
import './teach.css';

const lessonsSchema = z.array(lessonSummarySchema);
const classroomsSchema = z.array(classroomSchema);

/** 我的课程: a teacher's lessons with a big 进入课堂 each, 新建课程, and the guest links of each lesson. */
export function TeachPage() {
  const t = useDictionary(teachDictionary);
  const signed = useSignedIn({ required: true });
  if (signed.phase === 'signedIn') return <Lessons me={signed.me} />;
  return (
    <div className="account-page" data-testid="teach-page" data-phase={signed.phase}>
      <AccountBar title={t('teach.title')} me={null} />
      <SessionProblem state={signed} />
    </div>
  );
}

function Lessons({ me }: { me: Me }) {
  const t = useDictionary(teachDictionary);
  const lessons = useLoad(() => api('/lessons', lessonsSchema), 'lessons');
  // The server lists her school's classrooms and those of the schools paired with it.
  const classrooms = useLoad(() => api('/classrooms', classroomsSchema), 'classrooms');
  const mayCreate = scopeOf('lesson.create', me.role) !== null;
  useOpensLessonAhead(lessons.data, me.id);
  return (
    <div className="account-page" data-testid="teach-page" data-phase="signedIn">
      <AccountBar title={t('teach.title')} me={me} />
      {!mayCreate && <p className="account-panel">{t('teach.notTeacher')}</p>}
      {mayCreate && (
        <section className="account-panel">
          <h2 className="account-panel__title">{t('teach.new')}</h2>
          <LoadState loaded={classrooms}>{(list) => <NewLessonForm me={me} classrooms={list} onCreated={lessons.reload} />}</LoadState>
        </section>
      )}
      <LoadState loaded={lessons}>
        {(list) =>
          list.length === 0 ? (
            <p className="account-panel account-muted">{t('teach.none')}</p>
          ) : (
            <ul className="lesson-cards" data-testid="teach-lessons">
              {orderLessons(list, Date.now()).map((lesson) => (
                <LessonCard
                  key={lesson.id}
                  lesson={lesson}
                  me={me}
                  hostName={classrooms.data?.find((classroom) => classroom.id === lesson.hostClassroomId)?.name ?? null}
                  onDeleted={lessons.reload}
                />
              ))}
            </ul>
          )
        }
      </LoadState>
    </div>
  );
}
