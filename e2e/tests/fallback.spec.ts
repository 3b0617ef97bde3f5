import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { pageTimes } from '../../bench/support/pageStats.js';
import { scheduleLesson, type AdminTarget } from '../../testkit/adminApi.js';
import { chromiumArgs } from '../../testkit/chromium.js';
import { measureCpu, type CpuFigures } from '../../testkit/cpu.js';
import { installPageHooks } from '../../testkit/pageHooks.js';
import { SchoolNetwork, type BlockedPort } from '../../testkit/schoolNetwork.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { freeLoopbackPort } from '../../server/src/redis/freePort.js';
import { expectDecoding } from '../support/decoding.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';
import { selectedPaths, type SelectedPath } from '../support/relayPath.js';

/*
 * A school whose firewall blocks the media port. The classroom's Chromium
 * runs in a network namespace of its own (tt-school-<pid>, a veth pair to
 * the host, no route beyond it) whose nftables drop, silently as on the
 * wire: (A) UDP to the SFU's media port — the page must join over ICE-TCP;
 * (B) UDP and TCP to it — through the own TURN relay, whose ports stay open;
 * (C) also TURN's UDP/TCP port, so only HTTPS and TURN/TLS get out. The
 * server listens and announces on the host's end of the veth, over HTTPS
 * from its own CA, which both Chromiums trust through an NSS database (the
 * TURN TLS port serves the same certificate). The page's ICE is not touched:
 * it falls back by itself. The teacher's page stays on the host. Each case
 * times three openings of the classroom's link to the teacher's first
 * picture (bench/results/fallback.json, with the machine's CPU), checks the
 * last one's path and decoding both ways, then runs the pre-class check in
 * the same school: it must report what the lesson found by itself.
 */

interface FallbackCase {
  name: string;
  title: string;
  blocked: (ports: { rtc: number; turn: number; turnTls: number }) => BlockedPort[];
  /**
   * Which classroom of the lesson opens its link. A and B take different
   * ones: the UDP relay allocations of a closed page outlive it (coturn keeps
   * them for their lifetime, 10 min), and after A's and B's six openings of
   * one classroom coturn refused it any more (486, user-quota 12).
   */
  classroom: number;
  /** What the pre-class check, run in the school, must find: the media port over UDP and TCP, and the relay's ways in. */
  precheck: { udp: 'ok' | 'failed'; tcp: 'ok' | 'failed'; turn: 'ok' | 'failed'; relays: string };
  /** What the classroom's selected path must be. */
  expectPath: (path: SelectedPath) => void;
}

let school: SchoolNetwork;
let server: ServerProcess;
let target: AdminTarget;
let turnPort: number;
let turnTlsPort: number;
let teacherBrowser: Browser;
let schoolBrowser: Browser;
const scratch: string[] = [];
const results: Array<Record<string, unknown>> = [];
/** Openings of the classroom's link per case: the first ones for the time alone, the last also checked in full. */
const OPENINGS = 3;

/** A HOME whose NSS database (where Chromium on Linux looks for trusted CAs) holds only `caPem`. */
function nssHome(caPem: string): string {
  const home = mkdtempSync(join(tmpdir(), 'tongtang-school-home-'));
  scratch.push(home);
  const db = join(home, '.pki', 'nssdb');
  mkdirSync(db, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${db}`, '-N', '--empty-password']);
  writeFileSync(join(home, 'ca.pem'), caPem);
  execFileSync('certutil', ['-d', `sql:${db}`, '-A', '-n', 'tongtang-ca', '-t', 'C,,', '-i', join(home, 'ca.pem')]);
  return home;
}

test.beforeAll(async () => {
  school = SchoolNetwork.open();
  turnPort = await freeLoopbackPort();
  turnTlsPort = await freeLoopbackPort();
  server = await startServer({
    env: {
      HOST: school.hostIp,
      RTC_LISTEN_IP: school.hostIp,
      RTC_ANNOUNCED_IP: school.hostIp,
      TLS: 'on',
      TURN: 'on',
      TURN_PORT: String(turnPort),
      TURN_TLS_PORT: String(turnTlsPort),
      LOG_LEVEL: 'warn',
    },
  });
  target = { url: server.url, adminPassword: server.adminPassword };
  if (!server.caPem) throw new Error('the server made no CA of its own');
  teacherBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs, env: { ...process.env, HOME: nssHome(server.caPem) } });
  const launcherDir = mkdtempSync(join(tmpdir(), 'tongtang-school-bin-'));
  scratch.push(launcherDir);
  schoolBrowser = await chromium.launch({
    executablePath: school.chromiumLauncher(launcherDir),
    args: chromiumArgs,
    env: { ...process.env, HOME: nssHome(server.caPem) },
  });
});

test.afterEach(async () => {
  await closeOpenedPages();
  school?.openFirewall();
});

test.afterAll(async () => {
  try {
    await Promise.all([teacherBrowser?.close(), schoolBrowser?.close()]);
    await server?.stop();
    if (results.length > 0) {
      const file = fileURLToPath(new URL('../../bench/results/fallback.json', import.meta.url));
      const note = 'classroom Chromium in a network namespace behind nftables drops; teacher page on the host; one machine, no added delay';
      writeFileSync(file, JSON.stringify({ measured_at: new Date().toISOString(), note, cases: results }, null, 2) + '\n');
    }
  } finally {
    school?.close();
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  }
});

const cases: FallbackCase[] = [
  {
    name: 'A',
    title: 'UDP to the media port dropped (and the relay out of reach): the classroom joins over ICE-TCP',
    // The relay's ports too: with it reachable Chromium may rank a UDP relay pair above a direct TCP one (it did
    // in CI), and this case is about the direct TCP path; B and C are the relay's.
    blocked: ({ rtc, turn, turnTls }) => [
      { protocol: 'udp', port: rtc },
      { protocol: 'udp', port: turn },
      { protocol: 'tcp', port: turn },
      { protocol: 'tcp', port: turnTls },
    ],
    classroom: 0,
    precheck: { udp: 'failed', tcp: 'ok', turn: 'failed', relays: '' },
    expectPath: (path) => {
      expect(path.localType).not.toBe('relay');
      expect(path.localProtocol).toBe('tcp');
      expect(path.remoteAddress).toBe(`${school.hostIp}:${server.rtcPort}`);
    },
  },
  {
    name: 'B',
    title: 'UDP and TCP to the media port dropped: the classroom joins through the own TURN relay',
    blocked: ({ rtc }) => [
      { protocol: 'udp', port: rtc },
      { protocol: 'tcp', port: rtc },
    ],
    classroom: 1,
    precheck: { udp: 'failed', tcp: 'failed', turn: 'ok', relays: 'UDP / TCP / TLS' },
    expectPath: (path) => {
      expect(path.localType).toBe('relay');
      // TURN's own ports are all open: ICE picks the relay by itself (UDP when nothing else interferes).
      expect(['udp', 'tcp', 'tls']).toContain(path.relayProtocol);
      expect(path.remoteAddress).toBe(`${school.hostIp}:${server.rtcPort}`);
    },
  },
  {
    name: 'C',
    title: 'only HTTPS and TURN/TLS get out: the classroom joins through the relay over TLS',
    blocked: ({ rtc, turn }) => [
      { protocol: 'udp', port: rtc },
      { protocol: 'tcp', port: rtc },
      { protocol: 'udp', port: turn },
      { protocol: 'tcp', port: turn },
    ],
    classroom: 0,
    precheck: { udp: 'failed', tcp: 'failed', turn: 'ok', relays: 'TLS' },
    expectPath: (path) => {
      expect(path.localType).toBe('relay');
      expect(path.relayProtocol).toBe('tls');
      expect(path.remoteAddress).toBe(`${school.hostIp}:${server.rtcPort}`);
    },
  },
];

/** Opens the classroom's link inside the school in a fresh context; times the opening to the teacher's first frame. */
async function openClassroom(url: string): Promise<{ page: Page; openToJoined: number | null; openToFirstFrame: number | null; cpu: CpuFigures; iceErrors: string[] }> {
  const context = await schoolBrowser.newContext();
  await installPageHooks(context, null);
  // ICE's own complaints (a TURN server's error code and text), for the log when no path is found.
  await context.addInitScript(() => {
    const errors: string[] = [];
    (window as unknown as { __iceErrors: string[] }).__iceErrors = errors;
    const Hooked = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Hooked {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        this.addEventListener('icecandidateerror', (e) => {
          const error = e as RTCPeerConnectionIceErrorEvent;
          errors.push(`${error.url} ${error.errorCode} ${error.errorText}`);
        });
      }
    };
  });
  const page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && console.log(`[school page] ${message.text()}`));
  const cpu = measureCpu();
  await page.goto(url);
  const times = await pageTimes(page, ['teacher']);
  const figures = cpu.stop();
  const iceErrors = [...new Set(await page.evaluate(() => (window as unknown as { __iceErrors: string[] }).__iceErrors))];
  if (!times.firstFrames['teacher']) console.log(`[school page] no picture; ICE errors: ${JSON.stringify(iceErrors)}`);
  const since = (to: number | null | undefined): number | null => (to == null ? null : Math.round(to - times.opened));
  return { page, openToJoined: since(times.joined), openToFirstFrame: since(times.firstFrames['teacher']), cpu: figures, iceErrors };
}

/** Runs the pre-class check of the classroom's link inside the school; its UDP, TCP and relay steps as the page shows them. */
async function schoolPrecheck(link: string): Promise<{ udp: string | null; tcp: string | null; turn: string | null; relays: string }> {
  const context = await schoolBrowser.newContext();
  try {
    const page = await context.newPage();
    const url = new URL(link);
    url.pathname = `${url.pathname}/check`;
    await page.goto(url.href);
    const step = (name: string) => page.getByTestId(`precheck-step-${name}`);
    for (const name of ['udp', 'tcp', 'turn']) await expect(step(name)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    const turnText = await step('turn').innerText();
    console.log(`[precheck] udp ${await step('udp').innerText()} | tcp ${await step('tcp').innerText()} | turn ${turnText}`);
    return {
      udp: await step('udp').getAttribute('data-result'),
      tcp: await step('tcp').getAttribute('data-result'),
      turn: await step('turn').getAttribute('data-result'),
      relays: /(UDP|TCP|TLS)( \/ (UDP|TCP|TLS))*/.exec(turnText)?.[0] ?? '',
    };
  } finally {
    await context.close();
  }
}

for (const fallback of cases) {
  test(`${fallback.name}: ${fallback.title}`, async () => {
    const blocked = fallback.blocked({ rtc: server.rtcPort, turn: turnPort, turnTls: turnTlsPort });
    school.firewall(blocked);
    const lesson = await scheduleLesson({}, target);
    const classroom = lesson.classrooms[fallback.classroom]!;
    const teacher = await openPage(teacherBrowser, lesson.teacher);
    // The teacher publishes before the classroom opens: the time is the classroom's alone.
    await teacher.waitForFunction(() => performance.getEntriesByName('tongtang:media').length > 0, undefined, { timeout: 30_000 });

    const openings: Array<{ open_to_joined_ms: number | null; open_to_first_frame_ms: number | null; cpu: CpuFigures; ice_errors: string[] }> = [];
    let page: Page | null = null;
    for (let i = 0; i < OPENINGS; i++) {
      if (page) {
        await page.context().close();
        await new Promise((done) => setTimeout(done, 1500));
      }
      const opened = await openClassroom(classroom.url);
      page = opened.page;
      openings.push({ open_to_joined_ms: opened.openToJoined, open_to_first_frame_ms: opened.openToFirstFrame, cpu: opened.cpu, ice_errors: opened.iceErrors });
      console.log(`[fallback ${fallback.name}] open → first picture ${opened.openToFirstFrame} ms (joined ${opened.openToJoined} ms), cpu ${JSON.stringify(opened.cpu)}`);
    }
    try {
      await expectDecoding(page!, 'teacher', ['video', 'audio']);
      await expectDecoding(teacher, `classroom:${classroom.classroomId}`, ['video']);
      const paths = await selectedPaths(page!, '__benchPeers');
      console.log(`[fallback ${fallback.name}] selected pairs: ${JSON.stringify(paths)}`);
      expect(paths.length).toBeGreaterThanOrEqual(2);
      for (const path of paths) fallback.expectPath(path);
      // The page did try what the firewall drops: the rules counted its packets.
      const dropped = school.droppedOutgoing();
      console.log(`[fallback ${fallback.name}] firewall dropped ${dropped} packets school → server`);
      expect(dropped).toBeGreaterThan(0);
      expect(openings.every((o) => o.open_to_first_frame_ms !== null)).toBe(true);
      await page!.context().close();

      // The pre-class check, in the same school, tells what the lesson just found out by itself.
      const check = await schoolPrecheck(classroom.url);
      expect(check).toEqual(fallback.precheck);
      results.push({ case: fallback.name, title: fallback.title, blocked, paths, precheck: check, openings });
    } finally {
      await page!.context().close();
    }
  });
}
