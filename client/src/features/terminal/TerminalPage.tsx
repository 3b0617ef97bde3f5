import { useEffect, useState } from 'react';
import { terminalLessonSchema } from '@shared';
import { api } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { useNow } from '../common/useNow';
import { useI18nStore } from '../i18n/i18nStore';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { classroomPagePath, followLessons, type TerminalView } from './followLessons';
import { terminalMessages } from './terminalMessages';
import './terminal.css';

/**
 * The page a classroom's computer is left on (`/t`): a calm full screen with
 * the school, the classroom and a clock while there is no lesson; when one
 * starts, it goes to that lesson's classroom page by itself. main.tsx has
 * already exchanged the registration link's credential for the session.
 */
export function TerminalPage() {
  const t = useDictionary(terminalMessages);
  const [view, setView] = useState<TerminalView>({ state: 'starting' });
  // The server's clock (the timetable's) less this PC's: the screen shows the time the lessons keep.
  const [clock, setClock] = useState<{ offsetMs: number; timeZone?: string }>({ offsetMs: 0 });

  useEffect(
    () =>
      followLessons(
        async () => {
          const lesson = await api('/terminal/lesson', terminalLessonSchema);
          setClock({ offsetMs: lesson.serverNow - Date.now(), timeZone: lesson.timeZone });
          return lesson;
        },
        (next) => {
          setView(next);
          // replace: the classroom page's Back never returns to the waiting screen's history entry.
          if (next.state === 'joining') window.location.replace(classroomPagePath(next.lessonId, next.classroomId));
        },
      ),
    [],
  );

  if (view.state === 'unregistered') {
    return (
      <main className="terminal-page terminal-page--problem" data-testid="terminal-unregistered">
        <div className="terminal-page__language">
          <LanguageSwitch />
        </div>
        <p className="terminal-page__problem">{t('terminal.unregistered')}</p>
        <p className="terminal-page__hint">{t('terminal.unregisteredHint')}</p>
      </main>
    );
  }
  const lesson = view.state === 'waiting' ? view.lesson : null;
  return (
    <main className="terminal-page" data-testid="terminal-waiting" data-state={view.state}>
      <div className="terminal-page__language">
        <LanguageSwitch />
      </div>
      {lesson && (
        <p className="terminal-page__place" data-testid="terminal-place">
          {lesson.schoolName} · {lesson.classroomName}
        </p>
      )}
      <Clock offsetMs={clock.offsetMs} timeZone={clock.timeZone} />
      <p className="terminal-page__state">{t(view.state === 'joining' ? 'terminal.joining' : view.state === 'starting' ? 'terminal.starting' : 'terminal.waiting')}</p>
      {lesson?.next && (
        <p className="terminal-page__next" data-testid="terminal-next">
          {t('terminal.next')} {lessonTime(lesson.next.startsAt, lesson.serverNow, lesson.timeZone)} · {lesson.next.title}
        </p>
      )}
      {view.state === 'waiting' && <p className="terminal-page__hint">{t('terminal.waitingHint')}</p>}
      {view.state === 'waiting' && view.offline && (
        <p className="terminal-page__offline" role="status" data-testid="terminal-offline">
          {t('terminal.offline')}
        </p>
      )}
    </main>
  );
}

/** A lesson's start: its time, with its day when that is not today (in the school's time zone). */
function lessonTime(startsAt: number, now: number, timeZone: string): string {
  const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(ms);
  const locale = useI18nStore.getState().locale;
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(startsAt);
  return day(startsAt) === day(now) ? time : `${new Intl.DateTimeFormat(locale, { timeZone, month: 'long', day: 'numeric', weekday: 'short' }).format(startsAt)} ${time}`;
}

/** The time, large, and today's date, by the server's clock: a screen that visibly lives, so nobody thinks it froze. */
function Clock({ offsetMs, timeZone }: { offsetMs: number; timeZone: string | undefined }) {
  const now = useNow(true) + offsetMs;
  const locale = useI18nStore((state) => state.locale);
  const zone = timeZone ? { timeZone } : {};
  const time = new Intl.DateTimeFormat(locale, { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  const date = new Intl.DateTimeFormat(locale, { ...zone, dateStyle: 'full' }).format(now);
  return (
    <div className="terminal-clock" data-testid="terminal-clock">
      <time className="terminal-clock__time" dateTime={new Date(now).toISOString()}>
        {time}
      </time>
      <span className="terminal-clock__date">{date}</span>
    </div>
  );
}
