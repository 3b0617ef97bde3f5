import { useState, type RefObject } from 'react';
import { lessonCommentSchema, MAX_COMMENT_LENGTH, type LessonComment } from '@shared';
import { api } from '../auth/session';
import { ActionError } from '../interaction/ActionError';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';
import { lessonTime } from '../observers/lessonTime';
import { jumpTo } from './ChapterTimeline';

/** A comment's place in the replay: its moment, from the recording's start (ms). */
export const replayMs = (comment: LessonComment, recordingStartedAt: number): number => comment.at - recordingStartedAt;

/**
 * 评课 on the replay: every comment of the lesson, live or written on the
 * replay, in lesson order (each jumps the player to its moment), and a box
 * to note one at the playing position. Comments of moments before the
 * recording began are listed but cannot be jumped to.
 */
export function ReplayComments({ comments, recordingStartedAt, lessonId, video, onAdded }: {
  comments: LessonComment[];
  recordingStartedAt: number;
  lessonId: string;
  video: RefObject<HTMLVideoElement | null>;
  onAdded: () => void;
}) {
  const t = useT();
  const action = useAction();
  const [text, setText] = useState('');
  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    const at = Math.round(recordingStartedAt + (video.current?.currentTime ?? 0) * 1000);
    void action.run(async () => {
      await api(`/lessons/${encodeURIComponent(lessonId)}/comments`, lessonCommentSchema, { method: 'POST', body: { text, at } });
      setText('');
      onAdded();
    });
  };
  return (
    <section className="replay-comments" aria-label={t('comments.title')} data-testid="replay-comments">
      <h2 className="chapters__title">{t('comments.title')}</h2>
      {comments.length === 0 ? (
        <p className="account-muted">{t('comments.none')}</p>
      ) : (
        <ol className="chapter-list">
          {comments.map((comment) => {
            const ms = replayMs(comment, recordingStartedAt);
            return (
              <li key={comment.id}>
                <button type="button" className="chapter" data-testid="replay-comment" data-at-ms={ms} disabled={ms < 0} onClick={() => jumpTo(video.current, ms)}>
                  <span className="chapter__time">{lessonTime(comment.lessonMs)}</span>
                  <span className="chapter__label">
                    <strong>{comment.authorName}</strong> {comment.text}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <form className="comment-box" onSubmit={submit}>
        <textarea className="comment-box__text" data-testid="replay-comment-text" value={text} maxLength={MAX_COMMENT_LENGTH} placeholder={t('comments.placeholder')} aria-label={t('comments.placeholder')} onChange={(event) => setText(event.target.value)} />
        <button type="submit" className="comment-box__send" data-testid="replay-comment-send" disabled={action.pending || text.trim() === ''}>
          {t('comments.send')}
        </button>
        <ActionError error={action.error} />
      </form>
    </section>
  );
}
