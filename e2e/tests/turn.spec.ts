import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { chromiumArgs } from '../../testkit/chromium.js';
import { installRelayOnly, type RelayTransport } from '../../testkit/pageHooks.js';
import { openTarget, type PageTarget } from '../../testkit/pageTarget.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { freeLoopbackPort } from '../../server/src/redis/freePort.js';
import { expectDecoding } from '../support/decoding.js';
import { selectedPaths } from '../support/relayPath.js';

/*
 * A school whose firewall lets no media port through: every page gathers
 * relay candidates only, so audio and video can flow only through the
 * server's own TURN relay (coturn), over UDP, and over TLS with a certificate
 * Chromium really trusts (a test CA in an NSS database in a temporary HOME,
 * no --ignore-certificate-errors). The SFU is on 127.0.0.2 so the relay's
 * deny list (all of 127/8 but the SFU) is what it is in production.
 */

const sfuIp = '127.0.0.2';

/** A test CA trusted by Chromium in `home`'s NSS database, and a certificate it signed for the SFU's address. */
function trustedCertificate(home: string): { cert: string; key: string } {
  const dir = join(home, 'tls');
  mkdirSync(dir, { recursive: true });
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=Tongtang test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.crt'));
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', `/CN=${sfuIp}`, '-keyout', join(dir, 'turn.key'), '-out', join(dir, 'turn.csr'));
  writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=IP:${sfuIp}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
  openssl('x509', '-req', '-in', join(dir, 'turn.csr'), '-CA', join(dir, 'ca.crt'), '-CAkey', join(dir, 'ca.key'), '-CAcreateserial', '-days', '2',
    '-extfile', join(dir, 'ext.cnf'), '-out', join(dir, 'turn.crt'));
  const nssdb = join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-A', '-t', 'C,,', '-n', 'tongtang-test-ca', '-i', join(dir, 'ca.crt')]);
  return { cert: join(dir, 'turn.crt'), key: join(dir, 'turn.key') };
}

/** A server with its own TURN relay, the SFU on 127.0.0.2, the relay's TLS port with the trusted test certificate if given. */
async function relayServer(tls: { cert: string; key: string } | null): Promise<ServerProcess> {
  return startServer({
    env: {
      TURN: 'on',
      TURN_PORT: String(await freeLoopbackPort()),
      TURN_TLS_PORT: String(await freeLoopbackPort()),
      RTC_LISTEN_IP: sfuIp,
      RTC_ANNOUNCED_IP: sfuIp,
      ...(tls ? { TURN_TLS_CERT: tls.cert, TURN_TLS_KEY: tls.key } : {}),
    },
  });
}

async function relayOnlyPage(browser: Browser, target: PageTarget, transport: RelayTransport): Promise<Page> {
  const context = await browser.newContext();
  await installRelayOnly(context, transport);
  const page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && console.log(`[page] ${message.text()}`));
  await openTarget(page, target);
  return page;
}

for (const transport of ['udp', 'tls'] as const) {
  test(`with the media ports blocked, a lesson's audio and video flow through the own TURN relay over ${transport.toUpperCase()}`, async () => {
    const home = mkdtempSync(join(tmpdir(), 'tongtang-turn-home-'));
    const tls = transport === 'tls' ? trustedCertificate(home) : null;
    let server: ServerProcess | null = null;
    let browser: Browser | null = null;
    try {
      server = await relayServer(tls);
      // Chromium reads its trust store from $HOME/.pki/nssdb.
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs, env: { ...process.env, HOME: home } });
      const lesson = await scheduleLesson({}, server);
      const classroomId = `classroom:${lesson.classrooms[0]!.classroomId}`;
      const openedAt = Date.now();
      const teacher = await relayOnlyPage(browser, lesson.teacher, transport);
      const classroom = await relayOnlyPage(browser, lesson.classrooms[0]!.url, transport);
      await expectDecoding(classroom, 'teacher', ['video', 'audio']);
      await expectDecoding(teacher, classroomId, ['video']);
      console.log(`[turn ${transport}] both pages decoding ${Date.now() - openedAt} ms after the teacher's page opened`);

      for (const page of [teacher, classroom]) {
        const paths = await selectedPaths(page);
        expect(paths.length).toBeGreaterThanOrEqual(2);
        for (const path of paths) {
          expect(path.localType).toBe('relay');
          expect(path.relayProtocol).toBe(transport);
          expect(path.remoteAddress).toBe(`${sfuIp}:${server.rtcPort}`);
        }
        console.log(`[turn ${transport}] selected pairs: ${JSON.stringify(paths)}`);
      }
    } finally {
      await browser?.close();
      await server?.stop();
    }
  });
}

/*
 * The pre-class check's relay step is real: with the relay's certificate
 * trusted, each of its ways in (UDP, TCP, TLS) is tried on a relay-only test
 * transport and shown confirmed; the check's own direct paths still work, so
 * its verdict is ready.
 */
test('the pre-class check confirms the relay over UDP, TCP and TLS', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tongtang-turn-home-'));
  const tls = trustedCertificate(home);
  let server: ServerProcess | null = null;
  let browser: Browser | null = null;
  try {
    server = await relayServer(tls);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs, env: { ...process.env, HOME: home } });
    const lesson = await scheduleLesson({}, server);
    const page = await (await browser.newContext()).newPage();
    page.on('console', (message) => message.type() === 'warning' && console.log(`[precheck page] ${message.text()}`));
    const url = new URL(lesson.classrooms[0]!.url);
    url.pathname = `${url.pathname}/check`;
    await page.goto(url.href);
    const step = page.getByTestId('precheck-step-turn');
    await expect(step).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(step).toHaveAttribute('data-result', 'ok');
    await expect(step).toContainText('UDP / TCP / TLS');
    console.log(`[turn precheck] ${await step.innerText()}`);
  } finally {
    await browser?.close();
    await server?.stop();
  }
});
