import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicBroadcastSchema } from '@shared';
import { apiCall } from '../../testkit/adminApi.js';
import { rehearsingBroadcast, type RehearsingBroadcast } from '../../testkit/broadcasts.js';
import { sendSourcesFromFfmpeg, type FfmpegSender } from '../../testkit/light/ffmpegSender.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, type RawClient } from './support/signallingClient.js';
import { eventually } from './support/until.js';

const run = promisify(execFile);

/*
 * 直播输出 against a real server, mediasoup worker and ffmpeg: the program
 * follows the stage (the teacher's 导播 choice of her class camera, then
 * back), the HLS playlist lists 1 s segments of H.264 and AAC that anyone
 * with the key may fetch (and nobody without), and 结束直播 takes it off air.
 */
describe('a broadcast’s live outputs', () => {
  let server: ServerProcess;
  let broadcast: RehearsingBroadcast;
  let teacher: RawClient;
  const senders: FfmpegSender[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'tongtang-hls-'));

  beforeAll(async () => {
    server = await startServer({ env: { LIVE_OUTPUT_HEIGHT: '240', LIVE_OUTPUT_VIDEO_KBPS: '300' } });
    broadcast = await rehearsingBroadcast(server, '名师课：比的意义');
    teacher = await connectClient(server.url, broadcast.teacher);
    await teacher.ok({ type: 'joinLesson', lessonId: broadcast.lessonId, role: 'teacher' });
    senders.push(...(await sendSourcesFromFfmpeg(teacher.ok, [{ camera: 'teacher', toneHz: 440 }, { camera: 'students', toneHz: 880 }], 6100)));
    await broadcast.step(broadcast.teacher, 'live');
  }, 60_000);

  afterAll(async () => {
    for (const sender of senders) await sender.stop();
    teacher?.close();
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('follows the stage: the picture the classrooms see large is the program’s', async () => {
    const [teacherCamera, classCamera] = senders;
    await eventually('the program shows the teacher camera', async () => (await broadcast.output()).status?.showing === teacherCamera!.cameraId, 30_000);
    // The program follows the stage at once; ffmpeg writes its first media only after probing its input (~2 s, longer on a busy machine).
    await eventually('the encoder writes', async () => (await broadcast.output()).status?.hls.state === 'running', 30_000);
    await teacher.ok({ type: 'setDirecting', choice: 'teacherFull', main: { participantId: 'teacher', source: 'students' } });
    await eventually('the program switches to the class camera', async () => (await broadcast.output()).status?.showing === classCamera!.cameraId, 15_000);
    await teacher.ok({ type: 'setDirecting', choice: 'auto' });
    await eventually('and back', async () => (await broadcast.output()).status?.showing === teacherCamera!.cameraId, 15_000);
    // The encoder never stopped for the switches.
    expect((await broadcast.output()).status?.hls).toMatchObject({ state: 'running', restarts: 0 });
  }, 100_000);

  it('writes an HLS playlist of 1 s H.264 + AAC segments, for whoever has its key', async () => {
    const { playlistUrl, watchUrl } = await broadcast.output();
    const playlist = await eventually('the playlist lists segments', async () => {
      const response = await fetch(playlistUrl);
      const text = response.ok ? await response.text() : '';
      return (text.match(/^seg-\d{6}\.ts$/gm) ?? []).length >= 3 ? { text, type: response.headers.get('content-type'), cache: response.headers.get('cache-control') } : null;
    }, 30_000);
    expect(playlist.type).toContain('application/vnd.apple.mpegurl');
    expect(playlist.cache).toBe('no-cache');
    expect(playlist.text).toMatch(/#EXT-X-TARGETDURATION:[12]\b/);
    expect(playlist.text).toContain('#EXT-X-PROGRAM-DATE-TIME');
    const segment = playlist.text.match(/^seg-\d{6}\.ts$/gm)!.at(-1)!;
    const response = await fetch(new URL(segment, playlistUrl));
    expect(response.headers.get('content-type')).toContain('video/mp2t');
    const file = join(folder, segment);
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,height', '-of', 'json', file]);
    const streams = (JSON.parse(stdout) as { streams: Array<{ codec_name: string; height?: number }> }).streams;
    expect(streams.map((s) => `${s.codec_name}${s.height ? `,${s.height}` : ''}`).sort()).toEqual(['aac', 'h264,240']);

    // The viewers' page names the broadcast; a wrong key finds nothing, and nothing outside the folder is served.
    const key = new URL(watchUrl).pathname.split('/').at(-1)!;
    expect((await apiCall(server.url, `/broadcasts/by-key/${key}`, publicBroadcastSchema)).title).toBe('名师课：比的意义');
    for (const path of [`/api/media/live/${'x'.repeat(22)}/index.m3u8`, `/api/media/live/${key}/..%2F..%2Fauth-secret`, `/api/media/live/${key}/index.m3u8.bak`]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }
    await expect(apiCall(server.url, `/broadcasts/by-key/${'y'.repeat(22)}`, publicBroadcastSchema)).rejects.toMatchObject({ status: 404 });
  }, 60_000);

  it('goes off air with 结束直播', async () => {
    const { playlistUrl } = await broadcast.output();
    await broadcast.step(broadcast.teacher, 'end');
    await eventually('the playlist is gone', async () => (await fetch(playlistUrl)).status === 404, 15_000);
    expect((await broadcast.output()).status).toBeNull();
  }, 30_000);
});
