import { ErrorCode, LessonError, TERMINAL_JOIN_LEAD_MS, type TerminalLesson } from '@shared';

/** What the terminal's screen shows. */
export type TerminalView =
  | { state: 'starting' }
  /** No lesson now; `offline` while the server cannot be reached (the last known names stay on screen). */
  | { state: 'waiting'; lesson: TerminalLesson | null; offline: boolean }
  | { state: 'unregistered' }
  | { state: 'joining'; lessonId: string; classroomId: string };

/** How often the terminal asks for its lesson. */
export const POLL_MS = 15_000;
/** A first "not signed in" is asked again this soon before the screen says so: the link's credential may still have been on its way. */
export const CONFIRM_MS = 2_000;

/** When to ask again: in 15 s, or sooner when the next lesson opens before then (by the server's clock, not this PC's). */
export function askAgainIn(lesson: TerminalLesson): number {
  if (!lesson.next) return POLL_MS;
  return Math.min(POLL_MS, Math.max(1000, lesson.next.startsAt - TERMINAL_JOIN_LEAD_MS - lesson.serverNow));
}

/**
 * Asks the server every 15 s which lesson this terminal's classroom has now,
 * and tells `show` what to draw: joining as soon as a lesson is on (the
 * page then goes there), waiting otherwise. A terminal without a session
 * (never registered, revoked) is told so only when the server says it twice,
 * since the first question may race the exchange of the link's credential;
 * a browser signed in as someone else (an admin) is told so at once.
 * Returns a function that stops asking.
 */
export function followLessons(load: () => Promise<TerminalLesson>, show: (view: TerminalView) => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let refusals = 0;
  let last: TerminalLesson | null = null;
  const again = (ms: number) => {
    if (!stopped) timer = setTimeout(ask, ms);
  };
  const ask = () => {
    load().then(
      (lesson) => {
        if (stopped) return;
        refusals = 0;
        last = lesson;
        if (lesson.current) return show({ state: 'joining', lessonId: lesson.current.lessonId, classroomId: lesson.current.classroomId });
        show({ state: 'waiting', lesson, offline: false });
        again(askAgainIn(lesson));
      },
      (error: unknown) => {
        if (stopped) return;
        const code = error instanceof LessonError ? error.code : null;
        // Signed in, but not as a terminal (an admin opened /t): this browser is no classroom's terminal.
        if (code === ErrorCode.Forbidden) {
          show({ state: 'unregistered' });
          return again(POLL_MS);
        }
        if (code !== ErrorCode.Unauthorized) {
          show({ state: 'waiting', lesson: last, offline: true });
          return again(POLL_MS);
        }
        refusals += 1;
        if (refusals === 1) return again(CONFIRM_MS);
        show({ state: 'unregistered' });
        again(POLL_MS);
      },
    );
  };
  ask();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The classroom page of the terminal's lesson. */
export const classroomPagePath = (lessonId: string, classroomId: string): string =>
  `/lesson/${encodeURIComponent(lessonId)}/classroom/${encodeURIComponent(classroomId)}`;
