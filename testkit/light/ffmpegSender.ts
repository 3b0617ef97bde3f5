import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { RtpPacket } from 'werift';
import { encodePattern, PATTERN_BAND, PATTERN_CELLS } from '../../client/src/features/latency/timestampPattern.js';
import type { TransportOptions } from '@shared';
import type { Ask } from './lightParticipant.js';
import { openLink, type MediasoupLink } from './mediasoupLink.js';

/*
 * A light sender whose picture and sound a browser really decodes: ffmpeg
 * encodes a moving test pattern (VP8, 320×180, 15 fps, a key frame every
 * second) and a steady tone (Opus) as RTP to two loopback sockets, and a
 * werift link forwards each packet to the SFU under the SSRC and payload type
 * the producer was announced with. One stream, no simulcast: what a test
 * needs from it is pictures and sound that Chromium plays, at a few percent
 * of a core where a Chromium page encoding 720p takes a whole one.
 */

const VIDEO_PT = 96;
const AUDIO_PT = 100;

export interface FfmpegSender {
  cameraId: string;
  microphoneId: string;
  /** RTP packets forwarded so far, per kind. */
  forwarded: { video: number; audio: number };
  stop(): Promise<void>;
}

/** One camera and its microphone: what ffmpeg draws and the tone it plays. */
export interface FfmpegSource {
  camera: 'teacher' | 'students';
  toneHz: number;
  picture?: 'testPattern' | 'timestamp';
}

/** Sends a camera (`teacher` or `students`) and its microphone from ffmpeg; the participant has already joined. */
export async function sendFromFfmpeg(ask: Ask, options: FfmpegSource & { firstSsrc: number }): Promise<FfmpegSender> {
  return (await sendSourcesFromFfmpeg(ask, [options], options.firstSsrc))[0]!;
}

/** Sends several cameras and their microphones, each from its own ffmpeg, on the participant's one send transport. */
export async function sendSourcesFromFfmpeg(ask: Ask, sources: FfmpegSource[], firstSsrc: number): Promise<FfmpegSender[]> {
  const ssrcs = sources.map((_, i) => ({ video: firstSsrc + 2 * i, audio: firstSsrc + 2 * i + 1 }));
  const transport = await ask<TransportOptions>({ type: 'createTransport', direction: 'send' });
  const link = await openLink(
    transport,
    'send',
    ssrcs.flatMap(({ video, audio }) => [
      { kind: 'video' as const, ssrc: video, payloadType: VIDEO_PT, mimeType: 'video/VP8', clockRate: 90_000 },
      { kind: 'audio' as const, ssrc: audio, payloadType: AUDIO_PT, mimeType: 'audio/opus', clockRate: 48_000, channels: 2 },
    ]),
    (dtlsParameters) => ask({ type: 'connectTransport', transportId: transport.id, dtlsParameters }),
  );
  let open = sources.length;
  const senders: FfmpegSender[] = [];
  for (const [index, source] of sources.entries()) {
    const { video: videoSsrc, audio: audioSsrc } = ssrcs[index]!;
    const rtcp = { cname: `ffmpeg-${videoSsrc}`, reducedSize: true };
    const { producerId: cameraId } = await ask<{ producerId: string }>({
      type: 'produce',
      transportId: transport.id,
      kind: 'video',
      source: source.camera,
      rtpParameters: {
        mid: link.transceivers[2 * index]!.mid ?? String(2 * index),
        codecs: [{ mimeType: 'video/VP8', payloadType: VIDEO_PT, clockRate: 90_000, parameters: {}, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }] }],
        headerExtensions: [],
        encodings: [{ ssrc: videoSsrc }],
        rtcp,
      } as never,
    });
    const { producerId: microphoneId } = await ask<{ producerId: string }>({
      type: 'produce',
      transportId: transport.id,
      kind: 'audio',
      source: source.camera === 'teacher' ? 'teacherMic' : 'studentsMic',
      rtpParameters: {
        mid: link.transceivers[2 * index + 1]!.mid ?? String(2 * index + 1),
        codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PT, clockRate: 48_000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
        headerExtensions: [],
        encodings: [{ ssrc: audioSsrc }],
        rtcp,
      } as never,
    });
    const forwarded = { video: 0, audio: 0 };
    const [videoIn, audioIn] = await Promise.all([forwarder(link, videoSsrc, VIDEO_PT, () => forwarded.video++), forwarder(link, audioSsrc, AUDIO_PT, () => forwarded.audio++)]);
    const picture = source.picture ?? 'testPattern';
    const ffmpeg = startFfmpeg(source.toneHz, portOf(videoIn), portOf(audioIn), picture);
    const drawing = picture === 'timestamp' && ffmpeg.stdin ? drawTimestamps(ffmpeg.stdin) : null;
    let stopped = false;
    senders.push({
      cameraId,
      microphoneId,
      forwarded,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        if (drawing) clearInterval(drawing);
        ffmpeg.kill('SIGKILL');
        videoIn.close();
        audioIn.close();
        // The link is shared: it closes with the last of its senders.
        if (--open === 0) await link.close().catch(() => undefined);
      },
    });
  }
  return senders;
}

const portOf = (socket: Socket): number => socket.address().port;

/** A loopback socket that forwards every RTP packet it gets to the SFU as `ssrc`/`payloadType`; ffmpeg's RTCP is dropped. */
async function forwarder(link: MediasoupLink, ssrc: number, payloadType: number, counted: () => void): Promise<Socket> {
  const socket = createSocket('udp4');
  const dtls = link.transceivers[0]!.sender.dtlsTransport;
  socket.on('message', (message) => {
    // RTCP (sender reports, payload types 200–204) comes to the same port (rtcpport below).
    if (message.length < 12 || (message[1]! >= 200 && message[1]! <= 204)) return;
    const packet = RtpPacket.deSerialize(message);
    packet.header.ssrc = ssrc;
    packet.header.payloadType = payloadType;
    counted();
    void dtls.sendRtp(packet.payload, packet.header).catch(() => undefined);
  });
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
  return socket;
}

/**
 * The latency check's timestamp pattern (client/src/features/latency), drawn
 * here with the wall clock of the moment each frame is made and written raw
 * to ffmpeg: a receiver that decodes the band knows how old the picture it
 * shows is, through any chain (SFU, HLS encoder, CDN, player).
 */
function drawTimestamps(stdin: NodeJS.WritableStream): NodeJS.Timeout {
  const frame = Buffer.alloc(WIDTH * HEIGHT);
  const bandTop = Math.round(PATTERN_BAND.top * HEIGHT);
  const bandBottom = bandTop + Math.round(PATTERN_BAND.height * HEIGHT);
  return setInterval(() => {
    frame.fill(0x40);
    const cells = encodePattern(Date.now());
    for (let y = bandTop; y < bandBottom; y++) {
      for (let x = 0; x < WIDTH; x++) frame[y * WIDTH + x] = cells[Math.floor((x * PATTERN_CELLS) / WIDTH)] ? 0xff : 0x00;
    }
    stdin.write(frame);
  }, 1000 / FPS);
}

const WIDTH = 320;
const HEIGHT = 180;
const FPS = 15;

function startFfmpeg(toneHz: number, videoPort: number, audioPort: number, picture: 'testPattern' | 'timestamp'): ChildProcess {
  const to = (port: number) => `rtp://127.0.0.1:${port}?rtcpport=${port}&pkt_size=1200`;
  const args = [
    ...['-hide_banner', '-loglevel', 'error'],
    // The drawn timestamps come at their own pace from stdin; the test pattern is paced by ffmpeg (-re).
    ...(picture === 'timestamp'
      ? ['-f', 'rawvideo', '-pix_fmt', 'gray', '-video_size', `${WIDTH}x${HEIGHT}`, '-framerate', String(FPS), '-use_wallclock_as_timestamps', '1', '-i', 'pipe:0']
      : ['-nostdin', '-re', '-f', 'lavfi', '-i', `testsrc2=size=${WIDTH}x${HEIGHT}:rate=${FPS}`]),
    ...['-f', 'lavfi', '-i', `sine=frequency=${toneHz}:sample_rate=48000`],
    ...['-map', '0:v', '-pix_fmt', 'yuv420p', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '250k', '-g', '15', '-keyint_min', '15', '-auto-alt-ref', '0', '-error-resilient', '1'],
    ...['-payload_type', String(VIDEO_PT), '-f', 'rtp', to(videoPort)],
    ...['-map', '1:a', '-c:a', 'libopus', '-b:a', '32k', '-ac', '2', '-frame_duration', '20', '-application', 'lowdelay'],
    ...['-payload_type', String(AUDIO_PT), '-f', 'rtp', to(audioPort)],
  ];
  const child = spawn('ffmpeg', args, { stdio: [picture === 'timestamp' ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
  child.stdin?.on('error', () => undefined);
  // A test that dies without stopping it must not leave an encoder running on the machine.
  const killIt = (): void => void child.kill('SIGKILL');
  process.once('exit', killIt);
  child.once('exit', () => process.off('exit', killIt));
  child.stderr?.on('data', (data: Buffer) => {
    const text = data.toString().trim();
    if (text) console.warn(`[ffmpeg sender] ${text}`);
  });
  return child;
}
