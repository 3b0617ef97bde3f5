import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { scheduleLesson, type AdminTarget } from '../../testkit/adminApi.js';
import { chromiumArgs } from '../../testkit/chromium.js';
import { targetUrl } from '../../testkit/pageTarget.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { expectDecoding } from '../support/decoding.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';

/*
 * HTTPS out of the box: a server with TLS=on issues its certificate from its
 * own CA, and a Chromium whose NSS store trusts that CA — and nothing else
 * was done, no certificate error ignored — joins a lesson with camera and
 * microphone, as a classroom computer does after the school's IT person
 * trusted the CA from /ca once.
 */

let server: ServerProcess;
let target: AdminTarget;
const homes: string[] = [];
const browsers: Browser[] = [];

/** A HOME whose NSS database (where Chromium on Linux looks for trusted CAs) holds `caPem`, or nothing. */
function nssHome(caPem: string | null): string {
  const home = mkdtempSync(join(tmpdir(), 'tongtang-home-'));
  homes.push(home);
  const db = join(home, '.pki', 'nssdb');
  mkdirSync(db, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${db}`, '-N', '--empty-password']);
  if (caPem) {
    writeFileSync(join(home, 'ca.pem'), caPem);
    execFileSync('certutil', ['-d', `sql:${db}`, '-A', '-n', 'tongtang-ca', '-t', 'C,,', '-i', join(home, 'ca.pem')]);
  }
  return home;
}

async function chromiumWithHome(home: string): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs, env: { ...process.env, HOME: home } });
  browsers.push(browser);
  return browser;
}

test.beforeAll(async () => {
  server = await startServer({ env: { TLS: 'on' } });
  target = { url: server.url, adminPassword: server.adminPassword };
});

test.afterEach(closeOpenedPages);

test.afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await server?.stop();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

test('a Chromium that trusts the server’s own CA joins a lesson over HTTPS with camera and microphone', async () => {
  expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  expect(server.caPem).not.toBeNull();
  const browser = await chromiumWithHome(nssHome(server.caPem));
  const links = await scheduleLesson({}, target);
  expect(targetUrl(links.teacher).startsWith(`${server.url}/lesson/`)).toBe(true);
  const a = links.classrooms[0]!;
  const [teacher, classroom] = await Promise.all([openPage(browser, links.teacher), openPage(browser, a.url)]);
  expect(await classroom.evaluate(() => window.isSecureContext)).toBe(true);
  expect(new URL(classroom.url()).protocol).toBe('https:');
  await expectDecoding(classroom, 'teacher');
  await expectDecoding(teacher, `classroom:${a.classroomId}`, ['video']);

  // A link typed with http:// ends up on the HTTPS address.
  const typed = await browser.newPage();
  await typed.goto(`${server.url.replace('https:', 'http:')}/healthz`);
  expect(typed.url()).toBe(`${server.url}/healthz`);
  await typed.close();
});

test('the same Chromium without the CA refuses the server’s certificate', async () => {
  const browser = await chromiumWithHome(nssHome(null));
  const page = await browser.newPage();
  await expect(page.goto(`${server.url}/`)).rejects.toThrow(/net::ERR_CERT_AUTHORITY_INVALID/);
  await page.close();
  // The CA page is there over plain HTTP for exactly this terminal, with the fingerprint to compare.
  // (A new page: a goto from Chromium's certificate error page races the error page's own navigation.)
  const caPage = await browser.newPage();
  await caPage.goto(`${server.url.replace('https:', 'http:')}/ca`);
  await expect(caPage.getByTestId('ca-fingerprint')).toHaveText(new X509Certificate(server.caPem!).fingerprint256);
  await expect(caPage.getByRole('heading', { name: 'Windows' })).toBeVisible();
  await caPage.screenshot({ path: test.info().outputPath('ca-page.png'), fullPage: true });
  await caPage.close();
});

test('plain HTTP redirects to HTTPS, except the CA, whose download matches the CA in DATA_DIR/tls', async () => {
  const http = server.url.replace('https:', 'http:');
  const lesson = await fetch(`${http}/lesson/abc/classroom/shanping-4?x=1`, { redirect: 'manual' });
  expect(lesson.status).toBe(301);
  expect(lesson.headers.get('location')).toBe(`${server.url}/lesson/abc/classroom/shanping-4?x=1`);

  const download = await fetch(`${http}/ca.crt`, { redirect: 'manual' });
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('application/x-x509-ca-cert');
  const served = new X509Certificate(Buffer.from(await download.arrayBuffer()));
  const onDisk = new X509Certificate(readFileSync(join(server.dataDir, 'tls', 'ca.pem')));
  expect(served.fingerprint256).toBe(onDisk.fingerprint256);
  expect(served.ca).toBe(true);
  const pem = await (await fetch(`${http}/ca.pem`, { redirect: 'manual' })).text();
  expect(new X509Certificate(pem).fingerprint256).toBe(onDisk.fingerprint256);
  // And the start-up output tells the IT person where the page is.
  expect(server.output()).toContain(`${http}/ca`);
});
