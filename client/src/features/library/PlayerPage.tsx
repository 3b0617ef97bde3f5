import { useEffect, useRef, useState, type RefObject } from 'react';
import { clipSchema, lessonCommentSchema, scopeOf, mediaUrlSchema, recordingDetailSchema, type MediaUrl } from '@shared';
import { api } from '../auth/session';
import { AccountBar } from '../accounts/AccountBar';
import { useDictionary } from '../accounts/dictionary';
import { LoadState } from '../accounts/LoadState';
import { SessionProblem } from '../accounts/SessionProblem';
import { useLoad, type Loaded } from '../accounts/useLoad';
import { useSignedIn } from '../accounts/useSignedIn';
import { ChapterTimeline } from './ChapterTimeline';
import { ClipList, ClipPanel, type ClipMarks } from './ClipPanel';
import { ReplayComments, replayMs } from './ReplayComments';
import { directedText } from './libraryText';
import { libraryDictionary, type LibraryTranslate } from './libraryMessages';
import '../accounts/accounts.css';
import './library.css';

/** How often a page with a micro-lesson being made asks how far it is. */
const PROGRESS_POLL_MS = 1000;

/** The player of one recording (its chapters on the timeline, 微课 cutting) or of one micro-lesson. */
export function PlayerPage({ kind, id }: { kind: 'recording' | 'clip'; id: string }) {
  const t = useDictionary(libraryDictionary);
  const signed = useSignedIn({ required: true });
  if (signed.phase !== 'signedIn') {
    return (
      <div className="account-page" data-testid="player-page" data-phase={signed.phase}>
        <AccountBar title={t('library.title')} me={null} />
        <SessionProblem state={signed} />
      </div>
    );
  }
  return (
    <div className="account-page player-page" data-testid="player-page" data-phase="signedIn">
      <AccountBar title={t('library.title')} me={signed.me} />
      <a className="account-bar__link player-page__back" href="/library" data-testid="player-back">
        ← {t('player.back')}
      </a>
      {kind === 'recording' ? <RecordingPlayer t={t} id={id} mayReview={scopeOf('lesson.score', signed.me.role) !== null || scopeOf('report.read', signed.me.role) !== null} /> : <ClipPlayer t={t} id={id} />}
    </div>
  );
}

/**
 * The <video>: an address the server issued for this one file (a media
 * token in its query, since a video element sends no Authorization header),
 * played with range requests, `playsInline` so a phone keeps it in the page.
 * An address that stopped working (its token expired during a long pause)
 * is asked for again, and playing goes on where it was.
 */
function Video({ media, video }: { media: Loaded<MediaUrl | null>; video: RefObject<HTMLVideoElement | null> }) {
  const resumeAt = useRef<number | null>(null);
  if (!media.data) return null;
  return (
    <video
      ref={video}
      className="player-video"
      data-testid="player-video"
      src={media.data.url}
      controls
      playsInline
      preload="metadata"
      onError={(event) => {
        if (media.data && media.data.expiresAt > Date.now() + 60_000) return;
        resumeAt.current = event.currentTarget.currentTime;
        media.reload();
      }}
      onLoadedMetadata={(event) => {
        if (resumeAt.current === null) return;
        event.currentTarget.currentTime = resumeAt.current;
        resumeAt.current = null;
      }}
    />
  );
}

function RecordingPlayer({ t, id, mayReview }: { t: LibraryTranslate; id: string; mayReview: boolean }) {
  const detail = useLoad(() => api(`/recordings/${encodeURIComponent(id)}`, recordingDetailSchema), id);
  const ready = detail.data?.recording.directed.status === 'ready';
  const media = useLoad(() => (ready ? api(`/recordings/${encodeURIComponent(id)}/play`, mediaUrlSchema, { method: 'POST' }) : Promise.resolve(null)), `${id}:${ready}`);
  const video = useRef<HTMLVideoElement>(null);
  const lessonId = detail.data?.recording.lessonId ?? null;
  // 评课意见 of the lesson (none for whoever may not read them: the player works without).
  const comments = useLoad(() => (lessonId ? api(`/lessons/${encodeURIComponent(lessonId)}/comments`, lessonCommentSchema.array()).catch(() => []) : Promise.resolve([])), lessonId ?? '');
  const [marks, setMarks] = useState<ClipMarks>({ inMs: null, outMs: null });
  const making = detail.data?.clips.some((c) => c.status === 'making') ?? false;
  const { reload } = detail;
  useEffect(() => {
    if (!making) return;
    const timer = setInterval(reload, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [making, reload]);
  return (
    <LoadState loaded={detail}>
      {({ recording, chapters, clips, mayClip }) => (
        <>
          <section className="player">
            <h2 className="player__title" data-testid="player-title">
              {recording.title}
            </h2>
            <p className="account-muted">
              {[recording.subject, recording.grade].filter(Boolean).join(' · ')}
              {recording.subject || recording.grade ? ' · ' : ''}
              {t('player.about', { teacher: recording.teacherName, schools: recording.schools.map((s) => s.name).join(t('accounts.listSeparator')) })}
            </p>
            {media.data ? (
              <Video media={media} video={video} />
            ) : (
              !ready && (
                <p className="account-panel" data-testid="player-not-ready">
                  {t('player.notReady', { state: directedText(t, recording.directed) })}
                </p>
              )
            )}
            {media.data && (
              <ChapterTimeline
                t={t}
                chapters={chapters}
                video={video}
                fallbackMs={recording.durationMs}
                marks={marks}
                comments={(comments.data ?? []).map((c) => ({ atMs: replayMs(c, recording.startedAt), label: `${c.authorName}: ${c.text}` }))}
              />
            )}
          </section>
          {media.data && <ReplayComments comments={comments.data ?? []} recordingStartedAt={recording.startedAt} lessonId={recording.lessonId} video={video} onAdded={comments.reload} />}
          {mayReview && (
            <a className="account-bar__link" href={`/lesson/${encodeURIComponent(recording.lessonId)}/review`} data-testid="player-review">
              {t('player.review')}
            </a>
          )}
          {mayClip && media.data && <ClipPanel t={t} recordingId={recording.id} video={video} marks={marks} onMarks={setMarks} onMade={reload} />}
          <ClipList t={t} clips={clips} mayDelete={mayClip} onDeleted={reload} />
        </>
      )}
    </LoadState>
  );
}

function ClipPlayer({ t, id }: { t: LibraryTranslate; id: string }) {
  const clip = useLoad(() => api(`/clips/${encodeURIComponent(id)}`, clipSchema), id);
  const ready = clip.data?.status === 'ready';
  const media = useLoad(() => (ready ? api(`/clips/${encodeURIComponent(id)}/play`, mediaUrlSchema, { method: 'POST' }) : Promise.resolve(null)), `${id}:${ready}`);
  const video = useRef<HTMLVideoElement>(null);
  return (
    <LoadState loaded={clip}>
      {(found) => (
        <section className="player">
          <h2 className="player__title" data-testid="player-title">
            {found.title}
          </h2>
          <p className="account-muted">{[found.subject, found.grade, found.teacherName].filter(Boolean).join(' · ')}</p>
          {media.data ? <Video media={media} video={video} /> : <p className="account-panel">{t('clip.making', { title: found.title, percent: Math.round(found.progress * 100) })}</p>}
          {found.description && <p className="library-card__description">{found.description}</p>}
          <p className="account-muted">
            <a className="account-bar__link" href={`/library/recording/${encodeURIComponent(found.recordingId)}`}>
              {t('player.wholeLesson')}
            </a>
          </p>
        </section>
      )}
    </LoadState>
  );
}
