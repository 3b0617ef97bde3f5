import type { Page } from '@playwright/test';

/**
 * Replaces the page's outgoing camera with a 1280×720, 30 fps canvas whose
 * picture keeps changing: a grid of coloured blocks, a sixth of them new on
 * every frame, under a moving clock. Chromium's fake camera is a simple
 * animation that its VP8 encoder sends in a few hundred kbit/s even at
 * 1280×720, so a 600 kbit/s downlink would not force any layer change; a
 * real classroom camera (noise, people moving) fills the top layer's
 * 1.5 Mbit/s. This content does too, so the adaptation run measures what a
 * real picture would meet.
 */
export async function sendBusyCamera(page: Page): Promise<void> {
  // The camera must be published first, or there is nothing to substitute.
  await page.waitForFunction(() => {
    const tongtang = (window as unknown as { tongtang?: { media: { published(): Array<{ source: string }> } } }).tongtang;
    return tongtang?.media.published().some((p) => p.source === 'teacher') ?? false;
  }, null, { timeout: 60_000 });
  await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 1280;
    canvas.height = 720;
    const context = canvas.getContext('2d')!;
    const block = 16;
    const columns = canvas.width / block;
    const rows = canvas.height / block;
    const colour = (): string => `hsl(${Math.floor(Math.random() * 360)} 70% ${30 + Math.floor(Math.random() * 40)}%)`;
    for (let y = 0; y < rows; y++) for (let x = 0; x < columns; x++) {
      context.fillStyle = colour();
      context.fillRect(x * block, y * block, block, block);
    }
    const draw = (): void => {
      for (let i = 0; i < (columns * rows) / 6; i++) {
        context.fillStyle = colour();
        context.fillRect(Math.floor(Math.random() * columns) * block, Math.floor(Math.random() * rows) * block, block, block);
      }
      context.fillStyle = '#fff';
      context.font = 'bold 64px sans-serif';
      context.fillText(new Date().toISOString().slice(11, 23), (performance.now() / 10) % 900, 380);
    };
    setInterval(draw, 1000 / 30);
    const track = canvas.captureStream(30).getVideoTracks()[0]!;
    const tongtang = (window as unknown as { tongtang: { media: { substituteOutgoing(kind: 'video', track: MediaStreamTrack): Promise<void> } } }).tongtang;
    await tongtang.media.substituteOutgoing('video', track);
  });
}
