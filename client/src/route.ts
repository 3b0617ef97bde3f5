/** Which page an address opens. Nothing secret is ever in it: a page knows who it is from its session. */
export type Route =
  | { page: 'teacher'; lessonId: string }
  | { page: 'classroom'; lessonId: string; classroomId: string }
  | { page: 'precheck'; lessonId: string; classroomId: string }
  /** Receive-only: a guest link's holder, an observer, an admin looking in. */
  | { page: 'watch'; lessonId: string }
  /** A broadcast's viewer (观众) by WebRTC, signed in by the broadcast's key on its viewers' page. */
  | { page: 'view'; lessonId: string }
  /** A classroom terminal: follows its classroom's lessons by itself. */
  | { page: 'terminal' }
  | { page: 'login' }
  /** Bureau and school administration. */
  | { page: 'admin' }
  /** A teacher's lessons. */
  | { page: 'teach' }
  /** 资源库: the recordings and micro-lessons one may see. */
  | { page: 'library' }
  /** One recording (with its chapters, and 微课 cutting) or one micro-lesson, in the player. */
  | { page: 'player'; kind: 'recording' | 'clip'; id: string }
  /** 评课: score a lesson (observers, colleagues) and read its report (its teacher, admins). */
  | { page: 'review'; lessonId: string }
  /** 优课评选: lessons ranked by score. */
  | { page: 'ranking' }
  /** 课表: a school's weekly timetable. */
  | { page: 'timetable' }
  /** 数据看板: a week of lessons, participation and quality, for admins. */
  | { page: 'dashboard' }
  /** 在线巡课: the grid of live lessons, for admins. */
  | { page: 'inspection' }
  /** 名师直播: 申请直播 and 我的直播 (teachers), 直播审核 (the bureau). */
  | { page: 'broadcasts' }
  /** A broadcast's viewers' page (HLS), by its key: `/live/:key`. */
  | { page: 'live'; hlsKey: string }
  | { page: 'home' };

const teacherPath = /^\/lesson\/([^/]+)\/teacher\/?$/;
const watchPath = /^\/lesson\/([^/]+)\/watch\/?$/;
const viewPath = /^\/lesson\/([^/]+)\/view\/?$/;
const reviewPath = /^\/lesson\/([^/]+)\/review\/?$/;
const classroomPath = /^\/lesson\/([^/]+)\/classroom\/([^/]+)\/?$/;
/** 课前检测 of a classroom. */
const precheckPath = /^\/lesson\/([^/]+)\/classroom\/([^/]+)\/check\/?$/;
/** The library's player: `/library/recording/:id`, `/library/clip/:id`. */
const livePath = /^\/live\/([A-Za-z0-9_-]{16,64})\/?$/;
const playerPath = /^\/library\/(recording|clip)\/([^/]+)\/?$/;
const plainPages: Record<string, Route> = {
  '/t': { page: 'terminal' },
  '/login': { page: 'login' },
  '/admin': { page: 'admin' },
  '/teach': { page: 'teach' },
  '/library': { page: 'library' },
  '/ranking': { page: 'ranking' },
  '/timetable': { page: 'timetable' },
  '/dashboard': { page: 'dashboard' },
  '/inspection': { page: 'inspection' },
  '/broadcasts': { page: 'broadcasts' },
};

/**
 * Reads the page from the address: `/lesson/:lessonId/teacher`,
 * `/lesson/:lessonId/classroom/:classroomId` (and `/check`),
 * `/lesson/:lessonId/watch`, `/lesson/:lessonId/review`, `/t`, `/login`, `/admin`, `/teach`, `/library`, `/ranking`, `/timetable`, `/dashboard`, `/inspection`, `/broadcasts`, `/live/:key`
 * (and `/library/recording/:id`, `/library/clip/:id`); anything else
 * opens the home page.
 */
export function parseRoute(pathname: string): Route {
  const plain = plainPages[pathname.replace(/\/$/, '')];
  if (plain) return plain;
  const live = livePath.exec(pathname);
  if (live?.[1]) return { page: 'live', hlsKey: live[1] };
  const player = playerPath.exec(pathname);
  if (player?.[1] && player[2]) {
    const id = decode(player[2]);
    return id === null ? { page: 'home' } : { page: 'player', kind: player[1] as 'recording' | 'clip', id };
  }
  for (const [page, path] of [['teacher', teacherPath], ['watch', watchPath], ['view', viewPath], ['review', reviewPath]] as const) {
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
