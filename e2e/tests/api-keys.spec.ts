import { chromium, expect, test, type Browser } from '@playwright/test';
import { createPerson } from '../../testkit/adminApi.js';
import { chromiumArgs } from '../../testkit/chromium.js';
import { openTarget } from '../../testkit/pageTarget.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { serverFetch } from '../../testkit/trustedFetch.js';

/*
 * 开放接口 through the page: a school's admin creates a read-only key (the
 * secret shown once), another system reads with it and is refused a write,
 * the list never shows the secret again, and after 撤销 the key is refused.
 */
test('an API key made, used and revoked from the admin page', async () => {
  const server: ServerProcess = await startServer();
  let browser: Browser | null = null;
  try {
    const schoolAdmin = await createPerson({ role: 'schoolAdmin', schoolId: 'chengguan', name: '王主任' }, server);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(20_000);
    await openTarget(page, { url: `${server.url}/admin#apiKeys`, signIn: schoolAdmin });

    await page.getByTestId('api-key-name').fill('区资源平台');
    await expect(page.getByTestId('api-key-scope-lesson.read')).toBeChecked();
    await expect(page.getByTestId('api-key-scope-classroom.manage')).not.toBeChecked();
    await page.getByTestId('new-api-key-submit').click();
    const secret = (await page.getByTestId('api-key-secret-value').textContent()) ?? '';
    expect(secret).toMatch(/^tt_/);

    const call = (path: string, body?: unknown) =>
      serverFetch(`${server.url}/api${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    expect((await call('/classrooms')).status).toBe(200);
    expect((await call('/classrooms', { schoolId: 'chengguan', name: '新教室' })).status).toBe(403);

    await page.getByRole('button', { name: '我已保存' }).click();
    await expect(page.getByTestId('api-key-secret')).toHaveCount(0);
    const row = page.getByTestId('api-key-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('区资源平台');
    await expect(row).not.toContainText(secret);
    await expect(page.locator('body')).not.toContainText(secret);

    await row.getByTestId('revoke-api-key').click();
    await row.getByRole('button', { name: '确定' }).click();
    await expect(row).toContainText('已撤销');
    const refused = await call('/classrooms');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('revoked');
  } finally {
    await browser?.close();
    await server.stop();
  }
});
