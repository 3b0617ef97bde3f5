import { useState } from 'react';
import { z } from 'zod';
import { scopeOf, type LessonSummary, type Me } from '@shared';
import { api } from '../auth/session';
import { ConfirmButton } from '../accounts/ConfirmButton';
import { useDictionary } from '../accounts/dictionary';
import { formatSpan } from '../accounts/format';
import { RequestError } from '../accounts/RequestError';
import { useRequest } from '../accounts/useRequest';
import { useI18nStore } from '../i18n/i18nStore';
import { GuestLinks } from './GuestLinks';
import { teachDictionary } from './teachMessages';

/** One lesson: its title, when, which classrooms; 进入课堂 opens the teacher's page of it. */
export function LessonCard({ lesson, me, hostName, onDeleted }: { lesson: LessonSummary; me: Me; hostName: string | null; onDeleted(): void }) {
  const t = useDictionary(teachDictionary);
  const locale = useI18nStore((state) => state.locale);
  const [guestsOpen, setGuestsOpen] = useState(false);
  const remove = useRequest();
  const host = lesson.classrooms.find((classroom) => classroom.classroomId === lesson.hostClassroomId)?.name ?? hostName;
  const paired = lesson.classrooms.filter((classroom) => classroom.classroomId !== lesson.hostClassroomId);
  const over = lesson.endsAt !== null && lesson.endsAt < Date.now();
  const time = lesson.startsAt === null ? t('teach.anyTime') : formatSpan(lesson.startsAt, lesson.endsAt, locale);

  const deleteLesson = () => void remove.run(() => api(`/lessons/${encodeURIComponent(lesson.id)}/delete`, z.object({}), { method: 'POST' }).then(onDeleted));

  return (
    <li className={over ? 'lesson-card lesson-card--over' : 'lesson-card'} data-testid="teach-lesson" data-lesson-id={lesson.id}>
      <div className="lesson-card__main">
        <div className="lesson-card__about">
          <h2 className="lesson-card__title">{lesson.title}</h2>
          <p className="lesson-card__time">
            {time} {over && <span className="state state--off">{t('teach.over')}</span>}
          </p>
          <p className="lesson-card__rooms">
            {host && <span>{t('teach.host', { name: host })}</span>}
            {paired.length > 0 && <span>{t('teach.paired', { names: paired.map((classroom) => classroom.name).join(t('accounts.listSeparator')) })}</span>}
          </p>
        </div>
        <a className="link-button link-button--big" href={`/lesson/${encodeURIComponent(lesson.id)}/teacher`} data-testid="enter-lesson">
          {t('teach.enter')}
        </a>
      </div>
      <div className="account-panel__row">
        {scopeOf('report.read', me.role) !== null && (
          <a className="account-bar__link" href={`/lesson/${encodeURIComponent(lesson.id)}/review`} data-testid="lesson-report">
            {t('teach.report')}
          </a>
        )}
        {scopeOf('guest.manage', me.role) !== null && (
          <button type="button" data-testid="toggle-guests" aria-expanded={guestsOpen} onClick={() => setGuestsOpen(!guestsOpen)}>
            {t(guestsOpen ? 'guests.close' : 'guests.open')}
          </button>
        )}
        {scopeOf('lesson.delete', me.role) !== null && (
          <ConfirmButton label={t('teach.delete')} question={t('teach.deleteQuestion', { title: lesson.title })} testId="delete-lesson" disabled={remove.pending} onConfirm={deleteLesson} />
        )}
      </div>
      <RequestError error={remove.error} />
      {guestsOpen && <GuestLinks lessonId={lesson.id} />}
    </li>
  );
}
