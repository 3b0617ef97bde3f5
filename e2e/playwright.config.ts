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
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
