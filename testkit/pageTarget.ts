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
  if (typeof target !== 'string') {
    const { login, password } = target.signIn;
    const response = await page.request.post(new URL('/api/auth/login', target.url).href, { data: { login, password } });
    if (!response.ok()) throw new Error(`signing in as ${target.signIn.login} failed: ${response.status()} ${await response.text()}`);
  }
  await page.goto(targetUrl(target));
}
