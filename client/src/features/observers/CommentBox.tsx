import { useState } from 'react';
import { MAX_COMMENT_LENGTH, type LessonComment } from '@shared';
import { ActionError } from '../interaction/ActionError';
import { useAction } from '../interaction/useAction';
import { send } from '../lesson/connection';
import { useT } from '../i18n/useT';
import { lessonTime } from './lessonTime';

/**
 * 评课: an observer notes what they see; the server stamps each comment
 * with the moment it arrives, so it lands on that moment of the replay.
 */
export function CommentBox() {
  const t = useT();
  const action = useAction();
  const [text, setText] = useState('');
  // Only the last one is shown: the box sits in the picture strip and must keep its size.
  const [sent, setSent] = useState<LessonComment | null>(null);
  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    if (text.trim() === '') return;
    void action.run(async () => {
      const comment = await send({ type: 'addComment', text });
      setSent(comment);
      setText('');
    });
  };
  return (
    <form className="comment-box" data-testid="comment-box" onSubmit={submit}>
      <textarea
        className="comment-box__text"
        data-testid="comment-text"
        value={text}
        maxLength={MAX_COMMENT_LENGTH}
        placeholder={t('comments.placeholder')}
        aria-label={t('comments.placeholder')}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="comment-box__send" data-testid="comment-send" disabled={action.pending || text.trim() === ''}>
        {t('comments.send')}
      </button>
      <ActionError error={action.error} />
      {sent && (
        <p className="comment-box__sent" data-testid="comment-sent" data-lesson-ms={sent.lessonMs ?? ''}>
          <span className="comment-box__time">{t('comments.sent', { time: lessonTime(sent.lessonMs) })}</span> {sent.text}
        </p>
      )}
    </form>
  );
}
