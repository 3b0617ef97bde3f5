import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { connectClient, type RawClient } from '../../server/test/support/signallingClient.js';
import { rehearsingBroadcast } from '../../testkit/broadcasts.js';
import { chromiumArgs } from '../../testkit/chromium.js';
import { sendFromFfmpeg, type FfmpegSender } from '../../testkit/light/ffmpegSender.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

/** A free loopback TCP port for the RTMP receiver. */
async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** A regional platform's RTMP ingest, as ffmpeg listening on loopback: it writes what it receives to `file`. */
function rtmpReceiver(port: number, file: string): ChildProcess {
  return spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-f', 'flv', '-listen', '1', '-i', `rtmp://127.0.0.1:${port}/live/stream1`, '-c', 'copy', '-f', 'mpegts', '-y', file], { stdio: 'ignore' });
}

const sizeOf = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/*
 * Test 3 of the broadcast issue, 直播输出: a broadcast taken live through
 * its workflow, its teacher a light client whose camera draws the latency
 * check's timestamp pattern (the wall clock of each frame). Its HLS plays in
 * Chromium (hls.js) on the viewers' page, and the picture shown is at most
 * 10 s behind the moment it was drawn. Its RTMP push reaches an ffmpeg
 * listening on loopback, and after that receiver is killed and started
 * again, the push finds it again by itself. 结束直播 stops both.
 */
test('a live broadcast plays over HLS within 10 s of live, and its RTMP push survives the receiver restarting', async () => {
  test.setTimeout(240_000);
  const server: ServerProcess = await startServer({ env: { LOG_LEVEL: 'warn', LIVE_OUTPUT_HEIGHT: '360', LIVE_OUTPUT_VIDEO_KBPS: '600' } });
  const folder = mkdtempSync(join(tmpdir(), 'tongtang-rtmp-'));
  let browser: Browser | null = null;
  let sender: FfmpegSender | null = null;
  let receiver: ChildProcess | null = null;
  const clients: RawClient[] = [];
  try {
    const broadcast = await rehearsingBroadcast(server, '名师课：圆的面积');
    const { teacher } = broadcast;
    const port = await freeTcpPort();
    await broadcast.pushTo(`rtmp://127.0.0.1:${port}/live/stream1`);
    const refused = await broadcast.pushTo('file:///etc/passwd').then(
      () => null,
      (error: { status: number }) => error.status,
    );
    expect(refused, 'a push address that is not rtmp:// is refused').toBe(400);

    // The teacher's classroom is in the rehearsal: her camera draws the time of each frame.
    const client = await connectClient(server.url, teacher);
    clients.push(client);
    await client.ok({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'teacher' });
    sender = await sendFromFfmpeg(client.ok, { camera: 'teacher', toneHz: 440, firstSsrc: 8800, picture: 'timestamp' });
    const firstFile = join(folder, 'rtmp-1.ts');
    receiver = rtmpReceiver(port, firstFile);
    await broadcast.step(teacher, 'live');
    const output = broadcast.output;
    await expect.poll(async () => (await output()).status?.hls.playlist, { message: 'the HLS playlist is written', timeout: 60_000 }).toBe(true);
    const { watchUrl, rtmpTarget } = await output();
    expect(rtmpTarget).toBe(`rtmp://127.0.0.1:${port}/live/••••`);

    // A viewer, signed in to nothing, plays it in Chromium.
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    const page = await (await browser.newContext({ viewport: { width: 412, height: 860 }, isMobile: true })).newPage();
    await page.goto(watchUrl);
    await expect(page.getByTestId('live-page')).toContainText('名师课：圆的面积');
    await expect(page.getByTestId('live-page')).toHaveAttribute('data-state', 'playing', { timeout: 60_000 });
    const behind: number[] = [];
    for (let i = 0; i < 40 && behind.length < 10; i++) {
      await page.waitForTimeout(500);
      const ms = await page.evaluate(() => (window as unknown as { tongtangLive: { behindMs(): number | null } }).tongtangLive.behindMs());
      if (ms !== null) behind.push(ms);
    }
    console.log(`HLS behind live: median ${median(behind)} ms, ${behind.length} frames read, from ${Math.min(...behind)} to ${Math.max(...behind)} ms`);
    expect(behind.length, 'frames whose drawn time could be read').toBeGreaterThanOrEqual(5);
    expect(median(behind)).toBeLessThanOrEqual(10_000);
    expect(median(behind)).toBeGreaterThan(0);

    // The push reaches the receiver.
    await expect.poll(() => sizeOf(firstFile), { message: 'the RTMP receiver gets the program', timeout: 60_000 }).toBeGreaterThan(50_000);
    expect((await output()).status?.rtmp?.state).toBe('running');

    // The receiver dies and comes back on the same address: the push finds it again by itself.
    receiver.kill('SIGKILL');
    await expect.poll(async () => (await output()).status?.rtmp?.state, { message: 'the push notices', timeout: 30_000 }).not.toBe('running');
    const secondFile = join(folder, 'rtmp-2.ts');
    receiver = rtmpReceiver(port, secondFile);
    await expect.poll(() => sizeOf(secondFile), { message: 'the restarted receiver gets the program again', timeout: 60_000 }).toBeGreaterThan(50_000);
    const status = (await output()).status!;
    expect(status.rtmp!.restarts).toBeGreaterThanOrEqual(1);
    expect(status.rtmp!.state).toBe('running');
    // HLS went on meanwhile.
    expect(status.hls.state).toBe('running');
    expect(status.hls.restarts).toBe(0);

    // 结束直播: the outputs stop, and the playlist is gone.
    await broadcast.step(teacher, 'end');
    const playlist = new URL(watchUrl).pathname.replace('/live/', '/api/media/live/') + '/index.m3u8';
    await expect.poll(async () => (await fetch(`${server.url}${playlist}`)).status, { timeout: 20_000 }).toBe(404);
  } finally {
    receiver?.kill('SIGKILL');
    await sender?.stop();
    for (const client of clients) client.close();
    await browser?.close();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
