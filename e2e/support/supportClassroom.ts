import { openTarget, targetUrl, type PageTarget } from '../../testkit/pageTarget.js';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import type { OutboundSourceStats } from '../../client/src/features/media/mediaStats.js';
import { chromiumArgs } from '../../testkit/chromium.js';
import { COURSEWARE_TITLE, coursewareHtml } from './courseware.js';
import { correctDevices } from './devices.js';
import { voiceFile } from './voices.js';

/** The support (city) classroom: the teacher's page, several cameras, and a courseware tab it shares. */
export interface SupportClassroom {
  teacher: Page;
  courseware: Page;
  close(): Promise<void>;
}

/**
 * Opens the teacher's page on a terminal with a teacher camera (and, with
 * `studentCamera`, a student camera) and a second tab showing the courseware
 * slide. Screen sharing here is real tab
 * capture: Chromium picks the courseware tab by its title for
 * getDisplayMedia (`--auto-select-tab-capture-source-by-title`), so what the
 * classrooms receive is the rendered slide, not a stand-in. Chromium's fake
 * media UI would answer getDisplayMedia with a fake screen, so permissions
 * are granted to the context instead.
 */
export async function openSupportClassroom(teacherTarget: PageTarget, studentCamera: boolean): Promise<SupportClassroom> {
  const teacherUrl = targetUrl(teacherTarget);
  const cameras = studentCamera ? 3 : 1;
  const args = chromiumArgs
    .filter((arg) => arg !== '--use-fake-ui-for-media-stream' && !arg.startsWith('--use-fake-device-for-media-stream'))
    .concat([
      `--use-fake-device-for-media-stream=device-count=${cameras},fps=10`,
      `--auto-select-tab-capture-source-by-title=${COURSEWARE_TITLE}`,
      `--use-file-for-fake-audio-capture=${voiceFile('silence')}`,
    ]);
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.grantPermissions(['camera', 'microphone'], { origin: new URL(teacherUrl).origin });
  const courseware = await context.newPage();
  await courseware.setContent(coursewareHtml);
  const teacher = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await teacher.context().grantPermissions(['camera', 'microphone'], { origin: new URL(teacherUrl).origin });
  teacher.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.log(`[page teacher] ${message.text()}`);
  });
  await openTarget(teacher, teacherTarget);
  if (studentCamera) {
    await expect(teacher.getByTestId('device-settings-open')).toBeVisible();
    await expect.poll(() => publishedSources(teacher).then((p) => p.length), { timeout: 60_000 }).toBeGreaterThan(0);
    await correctDevices(teacher, { fake_device_0: 'teacher', fake_device_1: 'off', fake_device_2: 'students' });
  }
  return { teacher, courseware, close: () => browser.close() };
}

/** What a page publishes: source → device label and producer (see media.published()). */
export function publishedSources(page: Page): Promise<Array<{ source: string; label: string; producerId: string }>> {
  return page.evaluate(() => {
    const tongtang = (window as unknown as { tongtang?: { media: { published(): unknown[] } } }).tongtang;
    return (tongtang ? tongtang.media.published() : []) as never;
  });
}

/** Send-side figures per published source (see media.outboundStats()). */
export function outboundStats(page: Page): Promise<OutboundSourceStats[]> {
  return page.evaluate(async () => {
    const tongtang = (window as unknown as { tongtang?: { media: { outboundStats(): Promise<unknown[]> } } }).tongtang;
    return (tongtang ? await tongtang.media.outboundStats() : []) as never;
  });
}
