import { defineConfig } from '@playwright/test';
import { chromiumArgs } from '../testkit/chromium.js';

/**
 * End-to-end tests: the real server (mediasoup worker, Redis, SQLite) and
 * Debian's Chromium with fake camera and microphone. One test at a time: two
 * cores encode three simulcast cameras already.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: './artifacts',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: './support/globalSetup.ts',
  use: {
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    // A trace's screenshots are a screencast of every open page, frame by frame: with two lesson pages it took
    // ~0.8 of a core here (the GPU process 60 → 9 %, the browser 45 → 16 %) and pushed every timing toward
    // a saturated machine. The failure screenshots below and the trace's DOM snapshots stay.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
});
