/** Which page a link opens. */
export type Route =
  | { page: 'teacher'; lessonId: string; linkKey: string }
  | { page: 'classroom'; lessonId: string; classroomId: string; linkKey: string }
  | { page: 'precheck'; lessonId: string; classroomId: string; linkKey: string }
  | { page: 'home' };

const teacherPath = /^\/lesson\/([^/]+)\/teacher\/?$/;
const classroomPath = /^\/lesson\/([^/]+)\/classroom\/([^/]+)\/?$/;
/** 课前检测 of a classroom, opened with the classroom's own key. */
const precheckPath = /^\/lesson\/([^/]+)\/classroom\/([^/]+)\/check\/?$/;

/**
 * Reads the page from the address: `/lesson/:lessonId/teacher?key=K` or
 * `/lesson/:lessonId/classroom/:classroomId?key=K`. A link without its key, or
 * anything else, opens the home page, which says where the real links come from.
 */
export function parseRoute(pathname: string, search: string): Route {
  const linkKey = new URLSearchParams(search).get('key');
  if (!linkKey) return { page: 'home' };

  const teacher = teacherPath.exec(pathname);
  if (teacher?.[1]) {
    const lessonId = decode(teacher[1]);
    return lessonId === null ? { page: 'home' } : { page: 'teacher', lessonId, linkKey };
  }

  // A classroom's page and its pre-class check share the link's lesson and classroom.
  for (const [page, path] of [['classroom', classroomPath], ['precheck', precheckPath]] as const) {
    const match = path.exec(pathname);
    if (!match?.[1] || !match[2]) continue;
    const lessonId = decode(match[1]);
    const classroomId = decode(match[2]);
    return lessonId === null || classroomId === null ? { page: 'home' } : { page, lessonId, classroomId, linkKey };
  }

  return { page: 'home' };
}

// A mangled link (e.g. a stray "%") must not crash the page.
function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
