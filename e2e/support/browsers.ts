import { openTarget, targetUrl, type PageTarget } from '../../testkit/pageTarget.js';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs } from '../../testkit/chromium.js';
import { voiceFile, type Voice } from './voices.js';

/** Chromium's own fake cameras (how many), or one camera that plays a .y4m file at its size (see cameraFile). */
export type FakeCamera = number | { file: string };

/**
 * One Chromium process per participant, each with its own fake microphone
 * file: the only way to give classrooms different voices.
 */
export class Classrooms {
  private readonly browsers: Browser[] = [];

  /** Opens a classroom's link in its own browser, with one fake camera unless said. */
  async open(target: PageTarget, voice: Voice, camera: FakeCamera = 1): Promise<Page> {
    const url = targetUrl(target);
    const cameras = typeof camera === 'number' ? camera : 1;
    const devices = chromiumArgs.map((arg) =>
      arg.startsWith('--use-fake-device-for-media-stream') && cameras > 1 ? `--use-fake-device-for-media-stream=device-count=${cameras},fps=10` : arg,
    );
    const file = typeof camera === 'number' ? [] : [`--use-file-for-fake-video-capture=${camera.file}`];
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...devices, ...file, `--use-file-for-fake-audio-capture=${voiceFile(voice)}`],
    });
    this.browsers.push(browser);
    // A small window: software compositing of several videos is a large part of each browser's CPU here.
    const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.log(`[page ${new URL(url).pathname}] ${message.text()}`);
    });
    await openTarget(page, target);
    return page;
  }

  async close(): Promise<void> {
    await Promise.all(this.browsers.map((browser) => browser.close()));
  }
}
