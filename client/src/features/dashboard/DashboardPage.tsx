import { useState } from 'react';
import { dashboardSchema, scopeOf, type Dashboard, type DashboardLesson } from '@shared';
import { AccountBar } from '../accounts/AccountBar';
import { useDictionary } from '../accounts/dictionary';
import { formatSpan } from '../accounts/format';
import { LoadState } from '../accounts/LoadState';
import { SessionProblem } from '../accounts/SessionProblem';
import { useLoad } from '../accounts/useLoad';
import { useSignedIn } from '../accounts/useSignedIn';
import { api } from '../auth/session';
import { useI18nStore } from '../i18n/i18nStore';
import { BarChart } from '../review/charts';
import { seconds } from '../review/reviewFormat';
import { dashboardDictionary, type DashboardTranslate } from './dashboardMessages';
import '../accounts/accounts.css';
import '../review/review.css';
import './dashboard.css';

/** What a click on a bar picked: its label and its lessons. */
interface Picked {
  what: string;
  lessonIds: string[];
}

const reportOf = (lessonId: string): string => `/lesson/${encodeURIComponent(lessonId)}/review`;

/** The day `days` after a YYYY-MM-DD date. */
const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function LessonList({ picked, board, t, onClose }: { picked: Picked; board: Dashboard; t: DashboardTranslate; onClose: () => void }) {
  const locale = useI18nStore((state) => state.locale);
  const lessons = picked.lessonIds.map((id) => board.lessons.find((l) => l.lessonId === id)).filter((l): l is DashboardLesson => l !== undefined);
  const schoolName = (id: string) => board.schools.find((s) => s.schoolId === id)?.schoolName ?? id;
  return (
    <section className="account-panel dashboard-picked" data-testid="dashboard-picked" aria-live="polite">
      <div className="dashboard-picked__head">
        <h3 className="account-panel__title">{t('dashboard.picked', { what: picked.what, count: lessons.length })}</h3>
        <button type="button" onClick={onClose}>
          {t('dashboard.close')}
        </button>
      </div>
      {lessons.length === 0 ? (
        <p className="account-muted">{t('dashboard.noLessons')}</p>
      ) : (
        <LessonTable lessons={lessons} schoolName={schoolName} locale={locale} t={t} />
      )}
    </section>
  );
}

function LessonTable({ lessons, schoolName, locale, t }: { lessons: DashboardLesson[]; schoolName: (id: string) => string; locale: ReturnType<typeof useI18nStore.getState>['locale']; t: DashboardTranslate }) {
  return (
    <div className="account-table-wrap">
      <table className="account-table">
        <thead>
          <tr>
            <th>{t('dashboard.lesson')}</th>
            <th>{t('dashboard.teacher')}</th>
            <th>{t('dashboard.time')}</th>
            <th>{t('dashboard.schools')}</th>
            <th>{t('dashboard.status')}</th>
          </tr>
        </thead>
        <tbody>
          {lessons.map((lesson) => (
            <tr key={lesson.lessonId} data-testid="dashboard-lesson" data-lesson-id={lesson.lessonId}>
              <td>
                <a className="account-bar__link" href={reportOf(lesson.lessonId)}>
                  {lesson.title}
                </a>
              </td>
              <td>{lesson.teacherName}</td>
              <td>{lesson.startsAt === null ? lesson.day : formatSpan(lesson.startsAt, lesson.endsAt, locale)}</td>
              <td>{lesson.schoolIds.map(schoolName).join(t('accounts.listSeparator'))}</td>
              <td>{lesson.held ? t('dashboard.statusHeld') : lesson.missed ? t('dashboard.statusMissed') : t('dashboard.statusScheduled')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Board({ board, t }: { board: Dashboard; t: DashboardTranslate }) {
  const locale = useI18nStore((state) => state.locale);
  const [picked, setPicked] = useState<Picked | null>(null);
  const lessonsWhere = (test: (l: DashboardLesson) => boolean) => board.lessons.filter(test).map((l) => l.lessonId);
  const formLabel = (form: DashboardLesson['form']) => t(`dashboard.form.${form}`);
  const dayLabel = (day: string) => day.slice(5);
  const missed = board.lessons.filter((l) => l.missed);
  const freezes = board.quality.flatMap((q) => q.freezes);
  const titleOf = (id: string) => board.lessons.find((l) => l.lessonId === id)?.title ?? id;
  const schoolName = (id: string) => board.schools.find((s) => s.schoolId === id)?.schoolName ?? id;
  const list = picked && <LessonList picked={picked} board={board} t={t} onClose={() => setPicked(null)} />;
  return (
    <>
      <p className="account-muted">{t('dashboard.hint')}</p>
      {list}
      <section className="account-panel">
        <h2 className="account-panel__title">{t('dashboard.lessons')}</h2>
        <div className="report-charts">
          {(['today', 'week'] as const).map((when) => (
            <BarChart
              key={when}
              title={t(when === 'today' ? 'dashboard.chart.formToday' : 'dashboard.chart.formWeek')}
              testId={`dashboard-form-${when}`}
              labels={board.byForm.map((f) => formLabel(f.form))}
              series={[
                { label: t('dashboard.scheduled'), values: board.byForm.map((f) => f[when].scheduled) },
                { label: t('dashboard.held'), values: board.byForm.map((f) => f[when].held) },
              ]}
              counts
              onPick={(i) => {
                const form = board.byForm[i]!.form;
                setPicked({ what: formLabel(form), lessonIds: lessonsWhere((l) => l.form === form && (when === 'week' || l.day === board.today)) });
              }}
            />
          ))}
          <BarChart
            title={t('dashboard.chart.schoolWeek')}
            testId="dashboard-school-week"
            labels={board.bySchool.map((s) => s.schoolName)}
            series={[
              { label: t('dashboard.scheduled'), values: board.bySchool.map((s) => s.week.scheduled) },
              { label: t('dashboard.held'), values: board.bySchool.map((s) => s.week.held) },
            ]}
            counts
            horizontal
            onPick={(i) => {
              const school = board.bySchool[i]!;
              setPicked({ what: school.schoolName, lessonIds: lessonsWhere((l) => l.schoolIds.includes(school.schoolId)) });
            }}
          />
        </div>
        <h3 className="account-panel__title">{t('dashboard.missed')}</h3>
        <div data-testid="dashboard-missed">
          {missed.length === 0 ? <p className="account-muted">{t('dashboard.noMissed')}</p> : <LessonTable lessons={missed} schoolName={schoolName} locale={locale} t={t} />}
        </div>
      </section>
      <section className="account-panel">
        <h2 className="account-panel__title">{t('dashboard.participation')}</h2>
        <div className="report-charts">
          {(['present', 'hands', 'floor'] as const).map((chart) => {
            const rows = board.participation;
            const series =
              chart === 'present'
                ? [
                    { label: t('dashboard.expected'), values: rows.map((p) => p.classroomsExpected) },
                    { label: t('dashboard.present'), values: rows.map((p) => p.classroomsPresent) },
                  ]
                : chart === 'hands'
                  ? [
                      { label: t('dashboard.raised'), values: rows.map((p) => p.handsRaised) },
                      { label: t('dashboard.answered'), values: rows.map((p) => p.handsAnswered) },
                    ]
                  : [{ label: t('dashboard.floor'), values: rows.map((p) => seconds(p.floorMs)) }];
            return (
              <BarChart
                key={chart}
                title={t(`dashboard.chart.${chart}`)}
                testId={`dashboard-participation-${chart}`}
                labels={rows.map((p) => p.schoolName)}
                series={series}
                counts={chart !== 'floor'}
                horizontal
                onPick={(i) => setPicked({ what: rows[i]!.schoolName, lessonIds: rows[i]!.lessonIds })}
              />
            );
          })}
        </div>
      </section>
      <section className="account-panel">
        <h2 className="account-panel__title">{t('dashboard.quality')}</h2>
        <div className="report-charts">
          <BarChart
            title={t('dashboard.chart.precheck')}
            testId="dashboard-quality-precheck"
            labels={board.quality.map((q) => dayLabel(q.day))}
            series={(['ready', 'limited', 'blocked'] as const).map((verdict, i) => ({ label: t(`dashboard.verdict.${verdict}`), values: board.quality.map((q) => q.prechecks[verdict]), color: ['#2e8b57', '#e07b00', '#b03060'][i]! }))}
            counts
            stacked
            onPick={(i) => setPicked({ what: board.quality[i]!.day, lessonIds: board.quality[i]!.lessonIds })}
          />
          <BarChart
            title={t('dashboard.chart.latency')}
            testId="dashboard-quality-latency"
            labels={board.quality.map((q) => dayLabel(q.day))}
            series={[{ label: t('dashboard.chart.latency'), values: board.quality.map((q) => q.videoLatencyMedianMs ?? 0) }]}
            onPick={(i) => setPicked({ what: board.quality[i]!.day, lessonIds: board.quality[i]!.lessonIds })}
          />
          {freezes.length > 0 && (
            <BarChart
              title={t('dashboard.chart.freezes')}
              testId="dashboard-quality-freezes"
              labels={freezes.map((f) => titleOf(f.lessonId))}
              series={[{ label: t('dashboard.chart.freezes'), values: freezes.map((f) => f.count) }]}
              counts
              horizontal
              // One bar is one lesson: straight to its report.
              onPick={(i) => window.location.assign(reportOf(freezes[i]!.lessonId))}
            />
          )}
        </div>
      </section>
    </>
  );
}

function WeekBoard({ t }: { t: DashboardTranslate }) {
  const [week, setWeek] = useState<string | null>(() => new URLSearchParams(window.location.search).get('week'));
  const board = useLoad(() => api(`/dashboard${week ? `?week=${encodeURIComponent(week)}` : ''}`, dashboardSchema), week ?? 'this');
  const go = (next: string | null) => {
    setWeek(next);
    // The week is in the address, so a reload or a shared link shows the same one.
    window.history.replaceState(null, '', next ? `/dashboard?week=${next}` : '/dashboard');
  };
  const shown = board.data;
  return (
    <>
      <div className="dashboard-week" data-testid="dashboard-week">
        {shown && <strong>{t('dashboard.week', { start: shown.weekStart, end: shown.days.at(-1)! })}</strong>}
        <button type="button" disabled={!shown} onClick={() => shown && go(addDays(shown.weekStart, -7))}>
          {t('dashboard.previous')}
        </button>
        <button type="button" onClick={() => go(null)}>
          {t('dashboard.thisWeek')}
        </button>
        <button type="button" disabled={!shown} onClick={() => shown && go(addDays(shown.weekStart, 7))}>
          {t('dashboard.next')}
        </button>
        <label className="field">
          <span>{t('dashboard.pickWeek')}</span>
          <input type="date" value={week ?? shown?.today ?? ''} onChange={(event) => event.target.value && go(event.target.value)} data-testid="dashboard-pick-week" />
        </label>
      </div>
      <LoadState loaded={board}>{(data) => <Board board={data} t={t} />}</LoadState>
    </>
  );
}

/** 数据看板: a bureau's or a school's week of paired lessons, participation and quality, each chart drilling down to the lesson. */
export function DashboardPage() {
  const t = useDictionary(dashboardDictionary);
  const signed = useSignedIn({ required: true });
  if (signed.phase !== 'signedIn') {
    return (
      <div className="account-page" data-testid="dashboard-page" data-phase={signed.phase}>
        <AccountBar title={t('dashboard.title')} me={null} />
        <SessionProblem state={signed} />
      </div>
    );
  }
  return (
    <div className="account-page dashboard-page" data-testid="dashboard-page" data-phase="signedIn">
      <AccountBar title={t('dashboard.title')} me={signed.me} />
      {scopeOf('dashboard.read', signed.me.role) === null ? <p className="form-error">{t('dashboard.notAllowed')}</p> : <WeekBoard t={t} />}
    </div>
  );
}
