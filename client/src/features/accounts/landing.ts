import type { Me } from '@shared';

/*
 * Where a page goes after signing in. `next` comes from the address, so
 * anyone can write it into a link: only a path of this site is followed,
 * never another origin (`//evil.example`, `https:…`, `/\evil.example`),
 * which would turn the login page into a way to send people elsewhere.
 */

/** The path (with query and fragment) `next` names on this origin, or null when it is not one. */
export function sameOriginPath(next: string | null, origin: string): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  // Browsers read a backslash as a slash and drop tabs and newlines: whatever the URL parser says decides.
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  // Back to the login page would only show the form again.
  if (url.pathname.replace(/\/$/, '') === '/login') return null;
  return url.pathname + url.search + url.hash;
}

/** A signed-in person's own start page. */
export function homeOf(role: Me['role']): string {
  switch (role) {
    case 'bureauAdmin':
    case 'schoolAdmin':
      return '/admin';
    case 'teacher':
      return '/teach';
    default:
      return '/';
  }
}

/** Where to go once signed in: the `next` of the login page's address if it is ours, else the role's own page. */
export function afterSignIn(me: Pick<Me, 'role'>, search: string, origin: string): string {
  return sameOriginPath(new URLSearchParams(search).get('next'), origin) ?? homeOf(me.role);
}

/** The login page, coming back to `path` afterwards. */
export function loginAddress(path: string, extra: Record<string, string> = {}): string {
  return `/login?${new URLSearchParams({ next: path, ...extra }).toString()}`;
}
