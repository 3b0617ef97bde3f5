import type { Browser, BrowserContext, Page } from '@playwright/test';
import { measureCpu, type CpuFigures } from '../../testkit/cpu.js';
import { installPageHooks } from '../../testkit/pageHooks.js';
import { UdpRelay, type LinkProfile } from '../../testkit/udpRelay.js';
import type { BenchLesson } from './benchLesson.js';
import { spread, type Spread } from './figures.js';
import { pageTimes } from './pageStats.js';

/**
 * A cold join opens the link in a fresh browser context (nothing cached: a
 * new PC, or the first lesson after an update); a warm one in the same
 * context as the joins before it (the classroom PC of every other day).
 */
export type CacheState = 'cold' | 'warm';

/** One opening of the classroom's link, on the machine's one wall clock (ms). */
export interface JoinTime {
  cache: CacheState;
  /** Page opened (navigation start) → the join reply (`tongtang:joined`). */
  open_to_joined_ms: number | null;
  /** Page opened → the teacher's first frame shown. */
  open_to_first_frame_ms: number | null;
  /** Join reply → the teacher's first frame shown: the media path alone. */
  joined_to_first_frame_ms: number | null;
  /** CPU during this join, from just before the page opened until its first frame. */
  cpu: CpuFigures;
}

/** p50/p95 of the joins of one cache state (or all), with the machine's CPU over them. */
export interface JoinSummary {
  cache: CacheState | 'all';
  joins: number;
  /** Joins whose page showed no teacher frame within 90 s. */
  no_frame: number;
  open_to_joined_ms: Spread;
  open_to_first_frame_ms: Spread;
  joined_to_first_frame_ms: Spread;
  /** Mean over the joins of their CPU figures. */
  cpu: CpuFigures;
}

/** Pause between two joins: the server sees the previous page leave, and the machine settles. */
const SETTLE_MS = 1500;

/** How the measured classroom reaches the server: null, loopback; else its media through a UDP relay and its page and signalling through Chromium's throttling. */
export interface JoinLink {
  profile: LinkProfile;
  /** The SFU's media port, which the relay fronts. */
  rtcPort: number;
}

/**
 * Opens the link of `lesson.classrooms[classroom]` `joins` times, one after
 * another, while the teacher and the other classrooms of the lesson stay in;
 * cold and warm joins alternate. The classroom's own first page is closed
 * first, so each join takes the classroom's place afresh.
 */
export async function measureJoins(lesson: BenchLesson, options: { joins: number; classroom?: number; link?: JoinLink | null }): Promise<JoinTime[]> {
  const measured = lesson.classrooms[options.classroom ?? 0];
  if (!measured) throw new Error('the lesson has no such classroom');
  const url = measured.page.url();
  const browser = measured.page.context().browser();
  if (!browser) throw new Error('the lesson is not in a launched browser');
  await measured.page.close();

  const link = options.link ?? null;
  const relay = link ? await UdpRelay.open({ port: link.rtcPort }, link.profile, link.profile) : null;
  const opener = new PageOpener(browser, url, link && relay ? { profile: link.profile, rtcPort: link.rtcPort, relayPort: relay.port } : null);
  const warm = await opener.context();
  const times: JoinTime[] = [];
  try {
    for (let i = 0; i < options.joins; i++) {
      const cache: CacheState = i % 2 === 0 ? 'cold' : 'warm';
      const context = cache === 'cold' ? await opener.context() : warm;
      // The warm context's cache is filled by an opening before the first measured warm join.
      if (i === 1) await openAndLeave(opener, warm);
      times.push(await timeOneJoin(opener, context, cache));
      if (context !== warm) await context.close();
      await new Promise((done) => setTimeout(done, SETTLE_MS));
    }
  } finally {
    await warm.close().catch(() => undefined);
    relay?.close();
  }
  return times;
}

/** p50/p95 per cache state and over all joins. */
export function summariseJoins(times: JoinTime[]): JoinSummary[] {
  const groups: Array<[JoinSummary['cache'], JoinTime[]]> = [
    ['cold', times.filter((t) => t.cache === 'cold')],
    ['warm', times.filter((t) => t.cache === 'warm')],
    ['all', times],
  ];
  return groups.map(([cache, group]) => {
    const of = (key: 'open_to_joined_ms' | 'open_to_first_frame_ms' | 'joined_to_first_frame_ms'): Spread =>
      spread(group.map((t) => t[key]).filter((v): v is number => v !== null));
    const mean = (key: keyof CpuFigures): number => Math.round((10 * group.reduce((sum, t) => sum + t.cpu[key], 0)) / Math.max(1, group.length)) / 10;
    return {
      cache,
      joins: group.length,
      no_frame: group.filter((t) => t.open_to_first_frame_ms === null).length,
      open_to_joined_ms: of('open_to_joined_ms'),
      open_to_first_frame_ms: of('open_to_first_frame_ms'),
      joined_to_first_frame_ms: of('joined_to_first_frame_ms'),
      cpu: { cores: group[0]?.cpu.cores ?? 0, machine_pct: mean('machine_pct'), bench_pct: mean('bench_pct'), load_avg: mean('load_avg') },
    };
  });
}

async function timeOneJoin(opener: PageOpener, context: BrowserContext, cache: CacheState): Promise<JoinTime> {
  const cpu = measureCpu();
  const page = await opener.open(context);
  const times = await pageTimes(page, ['teacher']);
  const cpuFigures = cpu.stop();
  await page.close();
  const frame = times.firstFrames['teacher'] ?? null;
  const since = (from: number | null, to: number | null): number | null => (from === null || to === null ? null : Math.round(to - from));
  return {
    cache,
    open_to_joined_ms: since(times.opened, times.joined),
    open_to_first_frame_ms: since(times.opened, frame),
    joined_to_first_frame_ms: since(times.joined, frame),
    cpu: cpuFigures,
  };
}

async function openAndLeave(opener: PageOpener, context: BrowserContext): Promise<void> {
  const page = await opener.open(context);
  await pageTimes(page, ['teacher']);
  await page.close();
  await new Promise((done) => setTimeout(done, SETTLE_MS));
}

/** Opens the measured classroom's link in browser contexts with the bench's page hooks, over its link. */
class PageOpener {
  constructor(
    private readonly browser: Browser,
    private readonly url: string,
    private readonly link: { profile: LinkProfile; rtcPort: number; relayPort: number } | null,
  ) {}

  async context(): Promise<BrowserContext> {
    const context = await this.browser.newContext({ viewport: { width: 960, height: 540 } });
    await installPageHooks(context, this.link ? { rtcPort: this.link.rtcPort, relayPort: this.link.relayPort } : null);
    return context;
  }

  async open(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.log(`[join page] ${m.text()}`));
    if (this.link) {
      // The page's files and its signalling over the same line as its media (Chromium throttles HTTP and WebSocket; no loss).
      const { delayMs, rateKbps } = this.link.profile;
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const bytesPerSecond = rateKbps === null ? -1 : (rateKbps * 1000) / 8;
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 2 * delayMs, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
    }
    await page.goto(this.url);
    return page;
  }
}

/** The joins' table: p50/p95 ms per cache state, CPU beside. */
export function printJoins(rows: JoinSummary[], title: string): void {
  const ms = (s: Spread): string => (Number.isFinite(s.p50) ? `${s.p50}/${s.p95}` : '—');
  const header = ['cache', 'joins', 'open→joined', 'open→first frame', 'joined→first frame', 'no frame', 'cpu mach/bench (load)'];
  const lines = rows.map((r) => [
    r.cache,
    String(r.joins),
    ms(r.open_to_joined_ms),
    ms(r.open_to_first_frame_ms),
    ms(r.joined_to_first_frame_ms),
    String(r.no_frame),
    `${r.cpu.machine_pct}%/${r.cpu.bench_pct}% (${r.cpu.load_avg})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${title}: p50/p95 ms, CPU % of all cores`);
  console.log(row(header));
  for (const line of lines) console.log(row(line));
}
