import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { TypedEmitter } from '../../lesson/TypedEmitter.js';

/** The RTP stream ffmpeg receives: what its SDP says. */
export interface RtpInput {
  kind: 'audio' | 'video';
  /** Lower-case codec name as in an SDP rtpmap (`vp8`, `opus`). */
  codec: string;
  payloadType: number;
  clockRate: number;
  channels?: number;
  /** The loopback UDP port ffmpeg listens on; mediasoup's PlainTransport sends there (RTP and RTCP, muxed). */
  port: number;
}

/** One segment ffmpeg finished: its file name and where it lies in the stream, in seconds. */
export interface FinishedSegment {
  file: string;
  mediaStart: number;
  mediaEnd: number;
  /** Wall-clock ms when ffmpeg said so (shortly after the segment's last packet arrived). */
  reportedAt: number;
}

export type SegmenterEvents = {
  segment: [segment: FinishedSegment];
  /** ffmpeg exited; `signal` is set when it was killed. The last lines of its stderr say why it failed. */
  exit: [code: number | null, signal: NodeJS.Signals | null, stderrTail: string];
};

/**
 * Segment length: video is cut at the first key frame after `VIDEO_SEGMENT_MIN_S`, and the recorder asks for a
 * key frame every `KEY_FRAME_EVERY_MS`, so a video segment is ~5 s; audio (every Opus packet starts cleanly) is
 * cut every `AUDIO_SEGMENT_S`. Both stay ≤ 6 s unless a key frame request is lost.
 */
export const VIDEO_SEGMENT_MIN_S = 2;
export const AUDIO_SEGMENT_S = 5;
export const KEY_FRAME_EVERY_MS = 5000;

/** The SDP ffmpeg reads on its standard input: one RTP stream from loopback, RTCP on the same port. */
export function sdpFor(input: RtpInput): string {
  const channels = input.kind === 'audio' ? `/${input.channels ?? 2}` : '';
  return [
    'v=0',
    'o=- 0 0 IN IP4 127.0.0.1',
    's=tongtang recorder',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=${input.kind} ${input.port} RTP/AVP ${input.payloadType}`,
    `a=rtpmap:${input.payloadType} ${input.codec.toUpperCase()}/${input.clockRate}${channels}`,
    'a=rtcp-mux',
    'a=recvonly',
    '',
  ].join('\r\n');
}

/**
 * ffmpeg's arguments: RTP in, stream copy (never transcoding: a recorder
 * costs a few % of a core), WebM segments out, and the list of finished
 * segments written as CSV to file descriptor 3, where the recorder reads it
 * as each segment closes. `-reset_timestamps` makes each segment play on
 * its own from 0; the list keeps their place in the stream.
 */
export function ffmpegArguments(input: RtpInput, outputPattern: string): string[] {
  return [
    '-hide_banner', '-nostats', '-loglevel', 'warning', '-nostdin',
    '-protocol_whitelist', 'pipe,udp,rtp',
    '-fflags', '+genpts',
    // Loopback does not reorder; a reorder queue would only delay packets (and the segments' times).
    '-reorder_queue_size', '0',
    '-analyzeduration', '10000000',
    '-f', 'sdp', '-i', 'pipe:0',
    '-map', '0', '-c', 'copy',
    '-f', 'segment',
    '-segment_format', 'webm',
    '-segment_time', String(input.kind === 'video' ? VIDEO_SEGMENT_MIN_S : AUDIO_SEGMENT_S),
    '-reset_timestamps', '1',
    '-segment_list', 'pipe:3', '-segment_list_type', 'csv', '-segment_list_flags', '+live',
    outputPattern,
  ];
}

/** The ffmpeg binary; FFMPEG_BIN overrides it (tests do not, the real one is installed by scripts/setup.sh). */
const ffmpegBin = (): string => process.env['FFMPEG_BIN'] ?? 'ffmpeg';

/**
 * One ffmpeg process writing one RTP stream into segments. It does not
 * restart itself: its TrackRecorder supervises it and starts a new one.
 */
export class FfmpegSegmenter {
  private readonly events: TypedEmitter<SegmenterEvents>;
  private readonly child: ChildProcess;
  private stderrTail = '';
  private exited = false;

  constructor(input: RtpInput, outputPattern: string, cwd: string, onListenerError: (event: string, error: unknown) => void) {
    this.events = new TypedEmitter(onListenerError);
    this.child = spawn(ffmpegBin(), ffmpegArguments(input, outputPattern), { cwd, stdio: ['pipe', 'ignore', 'pipe', 'pipe'] });
    this.child.stdin?.end(sdpFor(input));
    this.child.stdin?.on('error', () => undefined);
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    const list = this.child.stdio[3] as Readable | null;
    if (list) {
      list.on('error', () => undefined);
      createInterface({ input: list }).on('line', (line) => {
        const segment = parseSegmentLine(line, Date.now());
        if (segment) this.events.emit('segment', segment);
      });
    }
    this.child.on('error', (error) => {
      this.stderrTail += `\n${error.message}`;
    });
    this.child.on('close', (code, signal) => {
      this.exited = true;
      this.events.emit('exit', code, signal, this.stderrTail.trim());
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exited;
  }

  on<K extends keyof SegmenterEvents>(event: K, listener: (...args: SegmenterEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Asks ffmpeg to finish (SIGINT: it closes the open segment properly and lists it); SIGKILL if it has not within `graceMs`. */
  stop(graceMs = 3000): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((done) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      this.events.on('exit', () => {
        clearTimeout(timer);
        done();
      });
      this.child.kill('SIGINT');
    });
  }
}

/** One line of ffmpeg's CSV segment list: `name,start,end` (the name may be quoted). */
export function parseSegmentLine(line: string, reportedAt: number): FinishedSegment | null {
  const match = /^"?(.+?)"?,(-?[\d.]+),(-?[\d.]+)$/.exec(line.trim());
  if (!match) return null;
  const mediaStart = Number(match[2]);
  const mediaEnd = Number(match[3]);
  if (!Number.isFinite(mediaStart) || !Number.isFinite(mediaEnd)) return null;
  return { file: match[1]!, mediaStart, mediaEnd, reportedAt };
}

/** Whether something listens on this loopback UDP port (ffmpeg has opened its input), from /proc/net/udp. */
export function udpPortBound(port: number): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  try {
    return readFileSync('/proc/net/udp', 'utf8')
      .split('\n')
      .some((line) => line.trim().split(/\s+/)[1]?.endsWith(hex) ?? false);
  } catch {
    return false;
  }
}

/**
 * How many media packets a file holds (ffprobe), 0 when it holds none or cannot be read: a segment ffmpeg
 * opened but never wrote to (a microphone paused by the floor) has a header only and is not worth listing.
 */
export function mediaPackets(file: string): Promise<number> {
  const ffprobe = process.env['FFPROBE_BIN'] ?? 'ffprobe';
  return new Promise((resolve) => {
    execFile(ffprobe, ['-v', 'quiet', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', file], { timeout: 10_000 }, (error, stdout) => {
      const count = Number.parseInt(String(stdout).trim(), 10);
      resolve(Number.isFinite(count) ? count : 0);
    });
  });
}
