/** Which page an address opens. Nothing secret is ever in it: a page knows who it is from its session. */
export type Route =
  | { page: 'teacher'; lessonId: string }
  | { page: 'classroom'; lessonId: string; classroomId: string }
  | { page: 'precheck'; lessonId: string; classroomId: string }
  /** Receive-only: a guest link's holder, an observer, an admin looking in. */
  | { page: 'watch'; lessonId: string }
  /** A classroom terminal: follows its classroom's lessons by itself. */
  | { page: 'terminal' }
  | { page: 'login' }
  /** Bureau and school administration. */
  | { page: 'admin' }
  /** A teacher's lessons. */
  | { page: 'teach' }
  | { page: 'home' };

const teacherPath = /^\/lesson\/([^/]+)\/teacher\/?$/;
const watchPath = /^\/lesson\/([^/]+)\/watch\/?$/;
const classroomPath = /^\/lesson\/([^/]+)\/classroom\/([^/]+)\/?$/;
/** 课前检测 of a classroom. */
const precheckPath = /^\/lesson\/([^/]+)\/classroom\/([^/]+)\/check\/?$/;
const plainPages: Record<string, Route> = {
  '/t': { page: 'terminal' },
  '/login': { page: 'login' },
  '/admin': { page: 'admin' },
  '/teach': { page: 'teach' },
};

/**
 * Reads the page from the address: `/lesson/:lessonId/teacher`,
 * `/lesson/:lessonId/classroom/:classroomId` (and `/check`),
 * `/lesson/:lessonId/watch`, `/t`, `/login`, `/admin`, `/teach`; anything else
 * opens the home page.
 */
export function parseRoute(pathname: string): Route {
  const plain = plainPages[pathname.replace(/\/$/, '')];
  if (plain) return plain;
  for (const [page, path] of [['teacher', teacherPath], ['watch', watchPath]] as const) {
    const match = path.exec(pathname);
    if (!match?.[1]) continue;
    const lessonId = decode(match[1]);
    return lessonId === null ? { page: 'home' } : { page, lessonId };
  }
  // A classroom's page and its pre-class check share the lesson and classroom.
  for (const [page, path] of [['classroom', classroomPath], ['precheck', precheckPath]] as const) {
    const match = path.exec(pathname);
    if (!match?.[1] || !match[2]) continue;
    const lessonId = decode(match[1]);
    const classroomId = decode(match[2]);
    return lessonId === null || classroomId === null ? { page: 'home' } : { page, lessonId, classroomId };
  }
  return { page: 'home' };
}

// A mangled address (e.g. a stray "%") must not crash the page.
function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
