import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs } from '../../testkit/chromium.js';
import { voiceFile, type Voice } from './voices.js';

/**
 * One Chromium process per participant, each with its own fake microphone
 * file: the only way to give classrooms different voices.
 */
export class Classrooms {
  private readonly browsers: Browser[] = [];

  /** Opens a classroom's link in its own browser; `cameras` fake cameras (one unless said). */
  async open(url: string, voice: Voice, cameras = 1): Promise<Page> {
    const devices = chromiumArgs.map((arg) =>
      arg.startsWith('--use-fake-device-for-media-stream') && cameras > 1 ? `--use-fake-device-for-media-stream=device-count=${cameras},fps=10` : arg,
    );
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...devices, `--use-file-for-fake-audio-capture=${voiceFile(voice)}`],
    });
    this.browsers.push(browser);
    // A small window: software compositing of several videos is a large part of each browser's CPU here.
    const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.log(`[page ${new URL(url).pathname}] ${message.text()}`);
    });
    await page.goto(url);
    return page;
  }

  async close(): Promise<void> {
    await Promise.all(this.browsers.map((browser) => browser.close()));
  }
}
