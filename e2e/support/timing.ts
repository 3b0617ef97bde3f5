import type { Locator } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../../bench/results/interaction-timings.json', import.meta.url));

/**
 * Records a time measured by an end-to-end test (hand → queue, grant → audio
 * heard, speaker → main view) so the figures of each run are kept beside the
 * benchmarks; also prints it.
 */
export function recordTiming(name: string, milliseconds: number): void {
  console.log(`[timing] ${name}: ${milliseconds} ms`);
  mkdirSync(fileURLToPath(new URL('../../bench/results/', import.meta.url)), { recursive: true });
  let all: Record<string, number[]> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number[]>;
  } catch {
    // first figure of this file
  }
  all[name] = [...(all[name] ?? []), milliseconds].slice(-20);
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
}

/**
 * Clicks inside the page and returns the page's own time of the click: the
 * moment a person's click would happen, without the test driver's delay in
 * delivering it to a loaded browser.
 */
export function clickNow(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const at = Date.now();
    (element as HTMLElement).click();
    return at;
  });
}

/** Polls `check` every 50 ms until it is true; returns the milliseconds taken, or throws after `timeoutMs`. */
export async function timeUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}
