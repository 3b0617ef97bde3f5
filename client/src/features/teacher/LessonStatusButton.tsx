import { useState } from 'react';
import type { LessonStatus } from '@shared';
import { useT } from '../i18n/useT';
import { send } from '../lesson/connection';
import { useLessonStore } from '../lesson/lessonStore';

export interface LessonStatusButtonProps {
  status: LessonStatus;
  /** False until the page has joined; a click before then would have nowhere to go. */
  enabled: boolean;
}

/** The teacher's one big button: 开始上课 before and after a lesson, 下课 during it. */
export function LessonStatusButton({ status, enabled }: LessonStatusButtonProps) {
  const t = useT();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const starting = status !== 'live';

  const changeStatus = async () => {
    setPending(true);
    setError(null);
    try {
      const lesson = await send({ type: 'setLessonStatus', status: starting ? 'live' : 'ended' });
      useLessonStore.setState({ lesson });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="lesson-status-control">
      <button
        type="button"
        className={starting ? 'big-button big-button--start' : 'big-button big-button--end'}
        data-testid={starting ? 'start-lesson' : 'end-lesson'}
        disabled={!enabled || pending}
        aria-busy={pending}
        onClick={() => void changeStatus()}
      >
        {t(starting ? 'lesson.start' : 'lesson.end')}
      </button>
      {error !== null && (
        <p className="lesson-status-control__error" role="alert" data-testid="lesson-status-error">
          {t('lesson.changeFailed', { message: error })}
        </p>
      )}
    </div>
  );
}
