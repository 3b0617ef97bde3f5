import { useEffect } from 'react';
import type { LessonSummary } from '@shared';
import { lessonToOpen } from './lessonPlan';

/** How often the list looks at the clock: a lesson opens within this of its moment. */
const LOOK_EVERY_MS = 15_000;
const openedKey = 'tongtang:lessons-opened';

/** The lessons this tab has opened by itself (sessionStorage: a new tab or a new day starts afresh). */
function openedHere(): Set<string> {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(openedKey) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/**
 * 我的课程 left open opens the teacher's lesson a few minutes before it
 * starts (the timetable's "nobody operates anything"): once per lesson and
 * tab, so coming back to the list keeps her there.
 */
export function useOpensLessonAhead(lessons: readonly LessonSummary[] | null, teacherAccountId: string): void {
  useEffect(() => {
    if (!lessons) return;
    const look = (): void => {
      const opened = openedHere();
      const due = lessonToOpen(lessons, teacherAccountId, Date.now(), opened);
      if (!due) return;
      sessionStorage.setItem(openedKey, JSON.stringify([...opened, due.id]));
      window.location.assign(`/lesson/${encodeURIComponent(due.id)}/teacher`);
    };
    look();
    const timer = setInterval(look, LOOK_EVERY_MS);
    return () => clearInterval(timer);
  }, [lessons, teacherAccountId]);
}
