import type { Page } from '@playwright/test';

/**
 * A page to open: an address (a classroom's, with its terminal's link in the
 * fragment, exchanged by the page itself), or an address to open signed in
 * as a person (the teacher): the sign-in goes through the page's own context,
 * so its session cookie is the browser's, as after the login page.
 */
export type PageTarget = string | { url: string; signIn: { login: string; password: string } };

export const targetUrl = (target: PageTarget): string => (typeof target === 'string' ? target : target.url);

export async function openTarget(page: Page, target: PageTarget): Promise<void> {
  if (typeof target !== 'string' && new URL(target.url).protocol === 'https:') {
    // Playwright's request context checks certificates with Node's CAs, not the browser's: over HTTPS the page
    // signs in with its own fetch, so it trusts exactly what the browser trusts.
    await page.goto(new URL('/healthz', target.url).href);
    const reply = await page.evaluate(
      async (body) => {
        const response = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { ok: response.ok, status: response.status, text: await response.text() };
      },
      target.signIn,
    );
    if (!reply.ok) throw new Error(`signing in as ${target.signIn.login} failed: ${reply.status} ${reply.text}`);
  } else if (typeof target !== 'string') {
    const { login, password } = target.signIn;
    const response = await page.request.post(new URL('/api/auth/login', target.url).href, { data: { login, password } });
    if (!response.ok()) throw new Error(`signing in as ${target.signIn.login} failed: ${response.status()} ${await response.text()}`);
  }
  await page.goto(targetUrl(target));
}
