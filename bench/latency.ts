import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromiumArgs } from '../testkit/chromium.js';
import { startServer } from '../testkit/serverProcess.js';
import { runAdaptation } from './adaptation.js';
import { BenchLesson } from './support/benchLesson.js';
import { runProfile } from './support/latencyProbe.js';
import { profiles } from './support/profiles.js';
import { printTable } from './support/table.js';

/*
 * `npm run bench:latency [-- --classrooms 2 --seconds 60 --profiles loopback,rural,poor --adapt | --no-adapt]`
 * The real server and a teacher plus N classrooms in headless Chromium; the
 * in-product latency probe (timestamp pattern as the camera, tone bursts as
 * the microphone) runs for each network profile; results go to
 * bench/results/latency.json (and adaptation.json).
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const classrooms = Number(option('classrooms', '2'));
const seconds = Math.max(60, Number(option('seconds', '60')));
const onlyAdapt = args.includes('--adapt');
const chosen = onlyAdapt ? [] : option('profiles', profiles.map((p) => p.name).join(',')).split(',');
const results = fileURLToPath(new URL('./results/', import.meta.url));

async function main(): Promise<void> {
  const server = await startServer({ env: { LOG_LEVEL: 'warn' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  mkdirSync(results, { recursive: true });
  try {
    const rows: Array<Record<string, unknown>> = [];
    const parts: Array<Record<string, unknown>> = [];
    for (const profile of profiles.filter((p) => chosen.includes(p.name))) {
      console.log(`[bench] ${profile.name}: ${classrooms} classrooms, ${seconds} s`);
      const run = await runProfile(new BenchLesson(browser, server), profile, { classrooms, seconds });
      rows.push(run.result);
      parts.push(run.parts);
      writeFileSync(`${results}latency.json`, JSON.stringify(rows, null, 2) + '\n');
      writeFileSync(`${results}latency-breakdown.json`, JSON.stringify(parts, null, 2) + '\n');
    }
    if (rows.length > 0) printTable(rows);
    if (onlyAdapt || !args.includes('--no-adapt')) {
      const adaptation = await runAdaptation(new BenchLesson(browser, server), classrooms);
      writeFileSync(`${results}adaptation.json`, JSON.stringify(adaptation, null, 2) + '\n');
      console.log('[bench] adaptation', JSON.stringify(adaptation));
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
