import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromiumArgs } from '../testkit/chromium.js';
import { startServer } from '../testkit/serverProcess.js';
import { BenchLesson } from './support/benchLesson.js';
import type { Spread } from './support/figures.js';
import { measureJoins, summariseJoins, type JoinSummary } from './support/joinTimes.js';
import { profiles } from './support/profiles.js';

/*
 * `npm run bench:join [-- --joins 40 --classrooms 2 --profile loopback|rural|poor]`
 * The real server, the teacher and N classrooms in headless Chromium; the
 * last classroom's link is then opened `--joins` times (at least 20), cold
 * and warm browser cache alternating, each time until the teacher's first
 * frame shows. With a profile other than loopback that classroom's media goes
 * through a UDP relay and its page and signalling through Chromium's
 * throttling (delay and rate, no loss). Prints p50/p95 and writes
 * bench/results/join.json (join-<profile>.json for the others).
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const joins = Math.max(20, Number(option('joins', '40')));
const classrooms = Number(option('classrooms', '2'));
const chosen = profiles.find((p) => p.name === option('profile', 'loopback'));
if (!chosen) throw new Error(`--profile must be one of ${profiles.map((p) => p.name).join(', ')}`);
const profile = chosen;
const results = fileURLToPath(new URL('./results/', import.meta.url));
const resultFile = profile.name === 'loopback' ? 'join.json' : `join-${profile.name}.json`;

function printJoinTable(rows: JoinSummary[]): void {
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
  console.log(`\njoin of a classroom over ${profile.name} (teacher and ${classrooms - 1} other classroom(s) in): p50/p95 ms, CPU % of all cores`);
  console.log(row(header));
  for (const line of lines) console.log(row(line));
}

async function main(): Promise<void> {
  const server = await startServer({ env: { LOG_LEVEL: 'warn' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const lesson = new BenchLesson(browser, server);
  mkdirSync(results, { recursive: true });
  try {
    await lesson.open('入课基准 join', classrooms, null);
    console.log(`[bench] ${joins} joins of ${lesson.classrooms.at(-1)?.id}`);
    const link = profile.link ? { profile: profile.link, rtcPort: server.rtcPort } : null;
    const times = await measureJoins(lesson, { joins, classroom: classrooms - 1, link });
    const summary = summariseJoins(times);
    writeFileSync(`${results}${resultFile}`, JSON.stringify({ profile: profile.name, classrooms, summary, joins: times }, null, 2) + '\n');
    printJoinTable(summary);
  } finally {
    await lesson.close();
    await browser.close();
    await server.stop();
  }
}

await main();
