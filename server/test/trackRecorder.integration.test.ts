import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as mediasoup from 'mediasoup';
import type { Producer } from 'mediasoup/node/lib/Producer.js';
import type { Router } from 'mediasoup/node/lib/Router.js';
import type { Worker } from 'mediasoup/node/lib/Worker.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaCodecs } from '../src/media/mediaCodecs.js';
import { createLogger } from '../src/log.js';
import { TrackRecorder } from '../src/features/recording/TrackRecorder.js';
import type { SegmentEntry } from '../src/features/recording/recordingFiles.js';
import { workerBinEnv } from '../../testkit/serverProcess.js';

const run = promisify(execFile);

/** What ffprobe reads of a file: its streams' codecs and the frames it decodes. */
async function probe(file: string): Promise<{ codec: string; frames: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_name,nb_read_frames', '-of', 'json', file]);
  const stream = (JSON.parse(stdout) as { streams: Array<{ codec_name: string; nb_read_frames: string }> }).streams[0]!;
  return { codec: stream.codec_name, frames: Number(stream.nb_read_frames) };
}

/*
 * One recorder on a real worker, fed real VP8 RTP (an ffmpeg test pattern
 * sent into a PlainTransport producer, as a camera's packets would arrive):
 * it writes segments that decode, no longer than 6 s, whose wall-clock times
 * follow each other; when its ffmpeg is killed it starts a new one by itself
 * and the gap in the timeline is at most one segment.
 */
describe('a track recorder', () => {
  let worker: Worker;
  let router: Router;
  let producer: Producer;
  let sender: ChildProcess;
  const dir = mkdtempSync(join(tmpdir(), 'tongtang-rec-'));
  const segments: SegmentEntry[] = [];
  let recorder: TrackRecorder;

  beforeAll(async () => {
    process.env['MEDIASOUP_WORKER_BIN'] = workerBinEnv()['MEDIASOUP_WORKER_BIN'];
    worker = await mediasoup.createWorker({ logLevel: 'warn' });
    router = await worker.createRouter({ mediaCodecs });
    // RTCP apart: ffmpeg's RTP sender sends it from a port of its own, and comedia locks onto the first packet's source.
    const input = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: false, comedia: true });
    producer = await input.produce({
      kind: 'video',
      rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, rtcpFeedback: [{ type: 'nack', parameter: 'pli' }] }], encodings: [{ ssrc: 22222222 }] },
    });
    // A camera that sends a key frame every second (an ffmpeg sender does not answer key frame requests).
    const port = input.tuple.localPort;
    sender = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=15', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '400k', '-g', '15',
      '-f', 'rtp', '-ssrc', '22222222', '-payload_type', '101', `rtp://127.0.0.1:${port}?rtcpport=${input.rtcpTuple!.localPort}`], { stdio: 'ignore' });
    recorder = new TrackRecorder({
      router,
      track: { producerId: producer.id, participantId: 'teacher', kind: 'video', source: 'teacher', paused: false },
      classroomId: null,
      dir: join(dir, 'teacher/teacher'),
      relativeDir: 'teacher/teacher',
      logger: createLogger('warn'),
      onSegment: (entry) => segments.push(entry),
      onConsumer: () => undefined,
    });
    await recorder.start();
  });

  afterAll(async () => {
    sender?.kill('SIGKILL');
    await recorder?.close();
    worker?.close();
  });

  it('writes decodable VP8 segments of at most 6 s, and goes on by itself after its ffmpeg is killed', async () => {
    await expect.poll(() => segments.length, { timeout: 30_000, interval: 250 }).toBeGreaterThanOrEqual(3);
    const pid = recorder.ffmpegPid!;
    expect(pid).toBeGreaterThan(0);
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => recorder.ffmpegPid !== null && recorder.ffmpegPid !== pid, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => segments.filter((s) => s.startedAt > killedAt).length, { timeout: 30_000, interval: 250 }).toBeGreaterThanOrEqual(2);
    await recorder.close();

    const complete = segments.filter((s) => !s.partial);
    for (const segment of complete) {
      expect(segment.endedAt - segment.startedAt).toBeLessThanOrEqual(6500);
      const decoded = await probe(join(dir, segment.file));
      expect(decoded.codec).toBe('vp8');
      expect(decoded.frames).toBeGreaterThan(0);
    }
    // What ffmpeg had written of the segment it was in when it died is kept (listed as partial, if it wrote any).
    for (const segment of segments.filter((s) => s.partial)) expect(segment.bytes).toBeGreaterThan(0);
    // Over the kill, the timeline has no hole longer than one segment.
    const sorted = [...segments].sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.startedAt - sorted[i - 1]!.endedAt).toBeLessThanOrEqual(6000);
    expect(new Set(segments.map((s) => s.run)).size).toBe(2);
  });
});
