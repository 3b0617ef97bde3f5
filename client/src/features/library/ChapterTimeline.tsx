import { useEffect, useState, type RefObject } from 'react';
import type { Chapter } from '@shared';
import { chapterLabel, clock } from './libraryText';
import type { LibraryTranslate } from './libraryMessages';

/** Jumps the player to a time and plays from there. */
export function jumpTo(video: HTMLVideoElement | null, ms: number): void {
  if (!video) return;
  video.currentTime = ms / 1000;
  void video.play().catch(() => undefined);
}

/** The playing position of a video, in ms, as it plays and seeks. */
export function usePosition(video: RefObject<HTMLVideoElement | null>): { positionMs: number; durationMs: number | null } {
  const [state, setState] = useState({ positionMs: 0, durationMs: null as number | null });
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const update = () => setState({ positionMs: element.currentTime * 1000, durationMs: Number.isFinite(element.duration) ? element.duration * 1000 : null });
    const events = ['timeupdate', 'seeked', 'loadedmetadata', 'durationchange'] as const;
    for (const event of events) element.addEventListener(event, update);
    return () => {
      for (const event of events) element.removeEventListener(event, update);
    };
  }, [video]);
  return state;
}

/**
 * The lesson's chapters on a timeline under the player (a mark per chapter,
 * the playing position, the micro-lesson's in and out) and as a list of big
 * buttons: either jumps there.
 */
export function ChapterTimeline({ t, chapters, video, fallbackMs, marks, comments = [] }: {
  t: LibraryTranslate;
  chapters: Chapter[];
  video: RefObject<HTMLVideoElement | null>;
  fallbackMs: number;
  marks?: { inMs: number | null; outMs: number | null };
  /** 评课 markers: where each comment's moment falls in the replay (ms), and its words. */
  comments?: Array<{ atMs: number; label: string }>;
}) {
  const { positionMs, durationMs } = usePosition(video);
  const length = Math.max(1, durationMs ?? fallbackMs);
  const at = (ms: number) => `${Math.min(100, (ms / length) * 100)}%`;
  const current = [...chapters].reverse().find((c) => c.atMs <= positionMs + 250);
  return (
    <section className="chapters" aria-label={t('player.chapters')}>
      <div className="chapter-bar" data-testid="chapter-bar">
        <div className="chapter-bar__played" style={{ width: at(positionMs) }} />
        {marks?.inMs != null && marks.outMs != null && (
          <div className="chapter-bar__clip" style={{ left: at(marks.inMs), width: `${Math.max(0.5, ((marks.outMs - marks.inMs) / length) * 100)}%` }} />
        )}
        {chapters.map((chapter, index) => (
          <button
            key={index}
            type="button"
            className="chapter-bar__mark"
            style={{ left: at(chapter.atMs) }}
            aria-label={`${clock(chapter.atMs)} ${chapterLabel(t, chapter)}`}
            title={`${clock(chapter.atMs)} ${chapterLabel(t, chapter)}`}
            onClick={() => jumpTo(video.current, chapter.atMs)}
          />
        ))}
        {comments
          .filter((comment) => comment.atMs >= 0)
          .map((comment, index) => (
            <button
              key={`c${index}`}
              type="button"
              className="chapter-bar__comment"
              data-testid="comment-marker"
              data-at-ms={comment.atMs}
              style={{ left: at(comment.atMs) }}
              aria-label={`${clock(comment.atMs)} ${comment.label}`}
              title={`${clock(comment.atMs)} ${comment.label}`}
              onClick={() => jumpTo(video.current, comment.atMs)}
            />
          ))}
      </div>
      <h2 className="chapters__title">{t('player.chapters')}</h2>
      <ol className="chapter-list" data-testid="chapter-list">
        {chapters.map((chapter, index) => (
          <li key={index}>
            <button
              type="button"
              className={chapter === current ? 'chapter button--active' : 'chapter'}
              data-testid="chapter"
              data-at-ms={chapter.atMs}
              data-kind={chapter.kind}
              onClick={() => jumpTo(video.current, chapter.atMs)}
            >
              <span className="chapter__time">{clock(chapter.atMs)}</span>
              <span className="chapter__label">{chapterLabel(t, chapter)}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
