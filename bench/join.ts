import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromiumArgs } from '../testkit/chromium.js';
import { startServer } from '../testkit/serverProcess.js';
import { BenchLesson } from './support/benchLesson.js';
import { measureJoins, printJoins, summariseJoins } from './support/joinTimes.js';
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
    printJoins(summary, `join of a classroom over ${profile.name} (teacher and ${classrooms - 1} other classroom(s) in)`);
  } finally {
    await lesson.close();
    await browser.close();
    await server.stop();
  }
}

await main();
