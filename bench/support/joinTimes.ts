import type { Browser, BrowserContext, Page } from '@playwright/test';
import { measureCpu, type CpuFigures } from '../../testkit/cpu.js';
import { installPageHooks } from '../../testkit/pageHooks.js';
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

/**
 * Opens the link of `lesson.classrooms[classroom]` `joins` times, one after
 * another, while the teacher and the other classrooms of the lesson stay in;
 * cold and warm joins alternate. The classroom's own first page is closed
 * first, so each join takes the classroom's place afresh.
 */
export async function measureJoins(lesson: BenchLesson, options: { joins: number; classroom?: number }): Promise<JoinTime[]> {
  const measured = lesson.classrooms[options.classroom ?? 0];
  if (!measured) throw new Error('the lesson has no such classroom');
  const url = measured.page.url();
  const browser = measured.page.context().browser();
  if (!browser) throw new Error('the lesson is not in a launched browser');
  await measured.page.close();

  const warm = await hookedContext(browser);
  const times: JoinTime[] = [];
  try {
    for (let i = 0; i < options.joins; i++) {
      const cache: CacheState = i % 2 === 0 ? 'cold' : 'warm';
      const context = cache === 'cold' ? await hookedContext(browser) : warm;
      // The warm context's cache is filled by an opening before the first measured warm join.
      if (i === 1) await openAndLeave(warm, url);
      times.push(await timeOneJoin(context, url, cache));
      if (context !== warm) await context.close();
      await new Promise((done) => setTimeout(done, SETTLE_MS));
    }
  } finally {
    await warm.close().catch(() => undefined);
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

async function timeOneJoin(context: BrowserContext, url: string, cache: CacheState): Promise<JoinTime> {
  const cpu = measureCpu();
  const page = await openPage(context, url);
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

async function openAndLeave(context: BrowserContext, url: string): Promise<void> {
  const page = await openPage(context, url);
  await pageTimes(page, ['teacher']);
  await page.close();
  await new Promise((done) => setTimeout(done, SETTLE_MS));
}

async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && console.log(`[join page] ${m.text()}`));
  await page.goto(url);
  return page;
}

async function hookedContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 960, height: 540 } });
  await installPageHooks(context, null);
  return context;
}
