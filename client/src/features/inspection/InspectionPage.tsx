import { useEffect, useRef, useState } from 'react';
import { inspectionPageSchema, scopeOf, type InspectedLesson } from '@shared';
import { AccountBar } from '../accounts/AccountBar';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { SessionProblem } from '../accounts/SessionProblem';
import { useLoad } from '../accounts/useLoad';
import { useSignedIn } from '../accounts/useSignedIn';
import { api } from '../auth/session';
import { InspectionNotes } from './InspectionNotes';
import { inspectionDictionary, type InspectionTranslate } from './inspectionMessages';
import { useWatchers, type WatchState } from './useWatchers';
import type { LessonWatcher } from './lessonWatcher';
import '../accounts/accounts.css';
import './inspection.css';

/** How often the grid asks which lessons are live: a lesson that starts or ends shows within this. */
const REFRESH_MS = 10_000;

/** A <video> or <audio> playing a watcher's stream; the same stream may play in a tile and in the large view. */
function Playing({ stream, kind, muted, className }: { stream: MediaStream; kind: 'video' | 'audio'; muted: boolean; className?: string }) {
  const element = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => {
    if (element.current && element.current.srcObject !== stream) element.current.srcObject = stream;
  }, [stream]);
  return kind === 'video' ? <video ref={element} className={className} autoPlay playsInline muted /> : <audio ref={element} autoPlay muted={muted} />;
}

function stateText(state: WatchState, hasPicture: boolean, t: InspectionTranslate): string | null {
  if (state === 'connecting') return t('inspection.connecting');
  if (state === 'ended') return t('inspection.ended');
  if (state === 'replaced') return t('inspection.elsewhere');
  if (typeof state === 'object') return t('inspection.failed', { reason: state.failed });
  return hasPicture ? null : t('inspection.noPicture');
}

function Tile({ lesson, watcher, state, heard, onListen, onEnlarge, t }: { lesson: InspectedLesson; watcher: LessonWatcher | undefined; state: WatchState; heard: boolean; onListen: () => void; onEnlarge: () => void; t: InspectionTranslate }) {
  const hasPicture = (watcher?.stream.getVideoTracks().length ?? 0) > 0;
  const problem = stateText(state, hasPicture, t);
  const minutes = lesson.startedAt === null ? null : Math.max(0, Math.floor((Date.now() - lesson.startedAt) / 60_000));
  return (
    <article className={`inspection-tile${heard ? ' inspection-tile--heard' : ''}`} data-testid="inspection-tile" data-lesson-id={lesson.lessonId} data-heard={heard} data-state={typeof state === 'object' ? 'failed' : state}>
      <button type="button" className="inspection-tile__picture" onClick={onListen} aria-pressed={heard} data-testid="inspection-listen">
        {watcher && <Playing stream={watcher.stream} kind="video" muted className="inspection-tile__video" />}
        {watcher && <Playing stream={watcher.sound} kind="audio" muted={!heard} />}
        {problem && <span className="inspection-tile__problem">{problem}</span>}
        <span className="inspection-tile__sound">{heard ? t('inspection.listening') : t('inspection.listen')}</span>
      </button>
      <div className="inspection-tile__about">
        <strong className="inspection-tile__title">{lesson.title}</strong>
        <span>
          {lesson.teacherName} · {lesson.hostSchoolName}
        </span>
        <span>
          {t('inspection.classrooms', { present: lesson.classroomsPresent, expected: lesson.classroomsExpected })}
          {minutes !== null && ` · ${t('inspection.since', { minutes })}`}
        </span>
      </div>
      <button type="button" className="inspection-tile__enlarge" onClick={onEnlarge} data-testid="inspection-enlarge">
        {t('inspection.enlarge')}
      </button>
    </article>
  );
}

function Large({ lesson, watcher, state, onBack, t }: { lesson: InspectedLesson; watcher: LessonWatcher | undefined; state: WatchState; onBack: () => void; t: InspectionTranslate }) {
  const problem = stateText(state, (watcher?.stream.getVideoTracks().length ?? 0) > 0, t);
  return (
    <section className="account-panel inspection-large" data-testid="inspection-large" data-lesson-id={lesson.lessonId}>
      <div className="inspection-large__head">
        <h2 className="account-panel__title">
          {lesson.title} · {lesson.teacherName} · {lesson.hostSchoolName}
        </h2>
        <button type="button" onClick={onBack} data-testid="inspection-back">
          {t('inspection.back')}
        </button>
      </div>
      <div className="inspection-large__body">
        <div className="inspection-large__picture">
          {watcher && <Playing stream={watcher.stream} kind="video" muted className="inspection-large__video" />}
          {problem && <span className="inspection-tile__problem">{problem}</span>}
        </div>
        <InspectionNotes lessonId={lesson.lessonId} t={t} />
      </div>
    </section>
  );
}

function Grid({ t }: { t: InspectionTranslate }) {
  const [page, setPage] = useState(() => Math.max(1, Number(new URLSearchParams(window.location.search).get('page')) || 1));
  const [heard, setHeard] = useState<string | null>(null);
  const [large, setLarge] = useState<string | null>(null);
  const loaded = useLoad(() => api(`/inspection/lessons?page=${page}`, inspectionPageSchema), String(page));
  const { reload } = loaded;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const lessons = loaded.data?.lessons ?? [];
  const watchers = useWatchers(
    lessons.map((l) => l.lessonId),
    heard,
    large,
  );
  const go = (next: number) => {
    setPage(next);
    setLarge(null);
    // The page is in the address, so a reload shows the same tiles.
    window.history.replaceState(null, '', next > 1 ? `/inspection?page=${next}` : '/inspection');
  };
  const largeLesson = lessons.find((l) => l.lessonId === large);
  return (
    <LoadState loaded={loaded}>
      {(data) => {
        const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
        return (
          <>
            <p className="account-muted">{t('inspection.hint')}</p>
            <div className="inspection-pager" data-testid="inspection-pager">
              <strong data-testid="inspection-count" data-total={data.total}>
                {t('inspection.count', { total: data.total })}
              </strong>
              <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>
                {t('inspection.previous')}
              </button>
              <span>{t('inspection.page', { page, pages })}</span>
              <button type="button" disabled={page >= pages} onClick={() => go(page + 1)} data-testid="inspection-next">
                {t('inspection.next')}
              </button>
            </div>
            {largeLesson && <Large lesson={largeLesson} watcher={watchers.watcher(largeLesson.lessonId)} state={watchers.state(largeLesson.lessonId)} onBack={() => setLarge(null)} t={t} />}
            {data.lessons.length === 0 ? (
              <p className="account-muted" data-testid="inspection-none">
                {t('inspection.none')}
              </p>
            ) : (
              <div className={`inspection-grid${largeLesson ? ' inspection-grid--behind' : ''}`} data-testid="inspection-grid">
                {data.lessons.map((lesson) => (
                  <Tile
                    key={lesson.lessonId}
                    lesson={lesson}
                    watcher={watchers.watcher(lesson.lessonId)}
                    state={watchers.state(lesson.lessonId)}
                    heard={heard === lesson.lessonId}
                    onListen={() => setHeard(heard === lesson.lessonId ? null : lesson.lessonId)}
                    onEnlarge={() => {
                      setLarge(lesson.lessonId);
                      setHeard(lesson.lessonId);
                    }}
                    t={t}
                  />
                ))}
              </div>
            )}
          </>
        );
      }}
    </LoadState>
  );
}

/** 在线巡课: every live lesson in the admin's scope as a grid of small pictures, one heard, one watched large, unseen by all. */
export function InspectionPage() {
  const t = useDictionary(inspectionDictionary);
  const signed = useSignedIn({ required: true });
  if (signed.phase !== 'signedIn') {
    return (
      <div className="account-page" data-testid="inspection-page" data-phase={signed.phase}>
        <AccountBar title={t('inspection.title')} me={null} />
        <SessionProblem state={signed} />
      </div>
    );
  }
  return (
    <div className="account-page inspection-page" data-testid="inspection-page" data-phase="signedIn">
      <AccountBar title={t('inspection.title')} me={signed.me} />
      {scopeOf('inspection.watch', signed.me.role) === null ? <p className="form-error">{t('inspection.notAllowed')}</p> : <Grid t={t} />}
    </div>
  );
}
