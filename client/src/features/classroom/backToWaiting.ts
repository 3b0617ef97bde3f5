import { useEffect } from 'react';
import { session } from '../auth/session';
import { useLessonStore } from '../lesson/lessonStore';

/** How long 下课 stays on a terminal's screen before it goes back to wait for its next lesson. */
export const AFTER_CLASS_MS = 10_000;

/**
 * A classroom terminal, at 下课, goes back to its waiting screen (`/t`) by
 * itself, which then joins the timetable's next lesson; nobody is there to
 * click. A person on a classroom page (an assistant teacher) stays.
 */
export function useBackToWaitingAfterClass(): void {
  const ended = useLessonStore((state) => state.lesson?.status === 'ended');
  useEffect(() => {
    if (!ended) return;
    let timer: number | undefined;
    let stopped = false;
    void session().then((signed) => {
      if (!stopped && signed?.me.kind === 'terminal') timer = window.setTimeout(() => window.location.replace('/t'), AFTER_CLASS_MS);
    }, () => undefined);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [ended]);
}
