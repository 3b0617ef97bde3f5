import { useEffect, useState } from 'react';
import type { LessonComment } from '@shared';
import { ActionError } from '../interaction/ActionError';
import { useAction } from '../interaction/useAction';
import { send } from '../lesson/connection';
import { onNotice } from '../lesson/notices';
import { useT } from '../i18n/useT';
import { lessonTime } from './lessonTime';

/**
 * The teacher's choice to read observers' comments during the lesson. Off
 * by default: a teacher in front of a class reads them afterwards, on the
 * replay; switched on, those so far come at once and each new one as it is
 * written.
 */
export function CommentsLivePanel({ enabled }: { enabled: boolean }) {
  const t = useT();
  const action = useAction();
  const [comments, setComments] = useState<LessonComment[] | null>(null);
  const live = comments !== null;
  useEffect(() => (live ? onNotice('commentAdded', ({ comment }) => setComments((list) => [comment, ...(list ?? [])])) : undefined), [live]);
  const toggle = (): void =>
    void action.run(async () => {
      const reply = await send({ type: 'setCommentsLive', live: comments === null });
      setComments(reply.live ? [...reply.comments].reverse() : null);
    });
  return (
    <section className="comments-live" data-testid="comments-live">
      <button type="button" className="comments-live__toggle" data-testid="comments-live-toggle" aria-pressed={comments !== null} disabled={!enabled || action.pending} onClick={toggle}>
        {t(comments === null ? 'comments.liveOn' : 'comments.liveOff')}
      </button>
      <ActionError error={action.error} />
      {comments !== null &&
        (comments.length === 0 ? (
          <p className="comments-live__none">{t('comments.none')}</p>
        ) : (
          <ul className="comments-live__list" aria-label={t('comments.title')}>
            {comments.map((comment) => (
              <li key={comment.id} data-testid="comment-entry">
                <span className="comments-live__time">{lessonTime(comment.lessonMs)}</span> <strong>{comment.authorName}</strong> {comment.text}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
