import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Consumer } from 'mediasoup/node/lib/Consumer.js';
import type { PlainTransport } from 'mediasoup/node/lib/PlainTransport.js';
import type { Router } from 'mediasoup/node/lib/Router.js';
import type { RtpCapabilities } from 'mediasoup/node/lib/RtpParameters.js';
import type { PublishedTrack } from '@shared';
import type { Logger } from '../../log.js';
import { FfmpegSegmenter, KEY_FRAME_EVERY_MS, mediaPackets, udpPortBound, type FinishedSegment, type RtpInput } from './ffmpegSegmenter.js';
import type { SegmentEntry } from './recordingFiles.js';
import { freeUdpPortPair } from './udpPorts.js';

/** What a track recorder needs from its lesson recording. */
export interface TrackRecorderContext {
  router: Router;
  track: PublishedTrack;
  /** The participant's classroom (null for the teacher's own tracks, which are the host classroom's). */
  classroomId: string | null;
  /** Absolute folder of this source's segments, and the same relative to the recording's folder (for the manifest). */
  dir: string;
  relativeDir: string;
  logger: Logger;
  /** A segment is on disk: the manifest gets its line. */
  onSegment(entry: SegmentEntry): void;
  /** The consumer the recorder holds (null once it is gone), so the lesson counts it as a viewer (sendLayers). */
  onConsumer(consumer: Consumer | null): void;
}

/** A recorder restarted within this long after its previous start counts as failing quickly: it waits longer each time. */
const QUICK_FAILURE_MS = 10_000;
const MAX_RESTART_DELAY_MS = 5000;
/** How long ffmpeg may take to open its input before the recorder asks for a key frame anyway. */
const INPUT_WAIT_MS = 5000;

/**
 * Records one published track (a camera, the courseware or a microphone):
 * the lesson's router sends it over a PlainTransport (RTP and RTCP muxed,
 * to loopback, comedia off) to an ffmpeg that copies it into WebM segments.
 * It asks the sender for a key frame when ffmpeg is ready and every
 * KEY_FRAME_EVERY_MS, so every video segment starts with one. A camera sent
 * in simulcast is received at its top layer. An ffmpeg that dies is started
 * again on the same port (what it had not finished is listed as a partial
 * segment, so at most that one segment's tail is lost); closing stops ffmpeg
 * cleanly, so the last segment is complete.
 */
export class TrackRecorder {
  private transport: PlainTransport | null = null;
  private consumer: Consumer | null = null;
  private segmenter: FfmpegSegmenter | null = null;
  private port = 0;
  private keyFrames: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private failures = 0;
  private lastStart = 0;
  /** This run's wall-clock ms at media time 0: the earliest (reportedAt − mediaEnd) seen, as a list line comes after its segment. */
  private runEpoch: number | null = null;
  private runId = '';
  private runStartedAt = 0;
  private listed = new Set<string>();
  private lastEndedAt: number | null = null;

  constructor(private readonly context: TrackRecorderContext) {}

  get producerId(): string {
    return this.context.track.producerId;
  }

  /** ffmpeg's process id now, if it runs (the tests kill it). */
  get ffmpegPid(): number | null {
    return this.segmenter && !this.segmenter.hasExited ? (this.segmenter.pid ?? null) : null;
  }

  /** Sets up the transport and consumer and starts ffmpeg; throws if the producer is gone already. */
  async start(): Promise<void> {
    const { router, track } = this.context;
    mkdirSync(this.context.dir, { recursive: true });
    // What the folder holds, for listing segments a dead server never listed (see recovery.ts).
    writeFileSync(join(this.context.dir, 'source.json'), `${JSON.stringify({ participantId: track.participantId, classroomId: this.context.classroomId, source: track.source, kind: track.kind, producerId: track.producerId })}\n`);
    this.port = await freeUdpPortPair();
    const transport = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: true, comedia: false, enableSctp: false });
    this.transport = transport;
    if (this.closed) return void transport.close();
    await transport.connect({ ip: '127.0.0.1', port: this.port });
    const consumer = await transport.consume({
      producerId: track.producerId,
      rtpCapabilities: recorderCapabilities(router.rtpCapabilities, track.kind),
      paused: true,
      // The top layer: the directed view shows any camera large. `place: 'main'` makes the sender keep encoding it.
      preferredLayers: { spatialLayer: 2, temporalLayer: 2 },
      appData: { place: 'main', recorder: true },
    });
    this.consumer = consumer;
    if (this.closed) return void transport.close();
    this.context.onConsumer(consumer);
    consumer.observer.once('close', () => this.context.onConsumer(null));
    consumer.once('producerclose', () => void this.close());
    consumer.once('transportclose', () => void this.close());
    this.startFfmpeg();
  }

  /** Stops ffmpeg cleanly (its last segment is listed) and closes the transport. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.keyFrames) clearInterval(this.keyFrames);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const segmenter = this.segmenter;
    this.segmenter = null;
    if (segmenter) {
      await segmenter.stop();
      await this.listUnfinished(Date.now());
    }
    this.transport?.close();
  }

  private startFfmpeg(): void {
    const consumer = this.consumer;
    if (this.closed || !consumer || consumer.closed) return;
    const codec = consumer.rtpParameters.codecs[0]!;
    const input: RtpInput = {
      kind: consumer.kind,
      codec: codec.mimeType.split('/')[1]!.toLowerCase(),
      payloadType: codec.payloadType,
      clockRate: codec.clockRate,
      ...(codec.channels ? { channels: codec.channels } : {}),
      port: this.port,
    };
    this.runId = Date.now().toString(36);
    this.runStartedAt = Date.now();
    this.runEpoch = null;
    this.listed = new Set();
    this.lastStart = Date.now();
    const segmenter = new FfmpegSegmenter(input, `${this.runId}-%05d.webm`, this.context.dir, (event, error) =>
      this.context.logger.error({ event, err: String(error) }, 'a recorder listener failed'),
    );
    this.segmenter = segmenter;
    segmenter.on('segment', (segment) => this.segmentDone(segment));
    segmenter.on('exit', (code, signal, stderrTail) => {
      if (this.segmenter !== segmenter) return;
      this.segmenter = null;
      if (this.closed) return;
      this.context.logger.warn({ producerId: this.producerId, code, signal, ffmpeg: stderrTail.slice(-500) }, 'a recorder (ffmpeg) died; starting it again');
      void this.listUnfinished(Date.now());
      this.failures = Date.now() - this.lastStart < QUICK_FAILURE_MS ? this.failures + 1 : 0;
      const delay = Math.min(MAX_RESTART_DELAY_MS, this.failures <= 1 ? 200 : 500 * 2 ** (this.failures - 1));
      this.restartTimer = setTimeout(() => this.startFfmpeg(), delay);
      this.restartTimer.unref();
    });
    void this.whenListening().then(() => this.flow());
  }

  /** Resolves once ffmpeg has opened its UDP port (or after INPUT_WAIT_MS), so the first key frame is not lost. */
  private async whenListening(): Promise<void> {
    for (const deadline = Date.now() + INPUT_WAIT_MS; Date.now() < deadline && !this.closed && !udpPortBound(this.port); ) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async flow(): Promise<void> {
    const consumer = this.consumer;
    if (this.closed || !consumer || consumer.closed) return;
    try {
      if (consumer.paused) await consumer.resume();
      if (consumer.kind !== 'video') return;
      await consumer.requestKeyFrame();
      if (!this.keyFrames) {
        // Each key frame starts a new segment (ffmpeg cuts at the first one after VIDEO_SEGMENT_MIN_S).
        this.keyFrames = setInterval(() => {
          if (!consumer.closed) consumer.requestKeyFrame().catch(() => undefined);
        }, KEY_FRAME_EVERY_MS);
        this.keyFrames.unref();
      }
    } catch (error) {
      if (!consumer.closed) this.context.logger.warn({ err: (error as Error).message }, 'the recorder could not start its consumer');
    }
  }

  private segmentDone(segment: FinishedSegment): void {
    // ffmpeg lists the segment it had opened when stopped even if no packet came (a microphone paused by the floor).
    if (segment.mediaEnd <= segment.mediaStart) {
      this.listed.add(segment.file);
      rmSync(join(this.context.dir, segment.file), { force: true });
      return;
    }
    const estimate = segment.reportedAt - segment.mediaEnd * 1000;
    this.runEpoch = this.runEpoch === null ? Math.max(estimate, this.runStartedAt) : Math.min(this.runEpoch, estimate);
    this.listed.add(segment.file);
    const startedAt = Math.round(this.runEpoch + segment.mediaStart * 1000);
    const endedAt = Math.round(this.runEpoch + segment.mediaEnd * 1000);
    this.emit(segment.file, startedAt, endedAt, { mediaStart: segment.mediaStart, mediaEnd: segment.mediaEnd, partial: false });
  }

  /**
   * Files of the run that ffmpeg never listed: the segment it was writing when it died (or was stopped before its
   * first list line). It is kept and listed as partial, from the end of the last listed one to its last write, if it
   * holds any media.
   */
  private async listUnfinished(now: number): Promise<void> {
    const prefix = `${this.runId}-`;
    const runStartedAt = this.runStartedAt;
    let files: string[];
    try {
      files = readdirSync(this.context.dir).filter((name) => name.startsWith(prefix) && !this.listed.has(name)).sort();
    } catch {
      return;
    }
    for (const file of files) {
      this.listed.add(file);
      const stat = statSync(join(this.context.dir, file), { throwIfNoEntry: false });
      if (!stat || stat.size === 0 || (await mediaPackets(join(this.context.dir, file))) === 0) continue;
      const startedAt = this.lastEndedAt ?? runStartedAt;
      const endedAt = Math.min(now, Math.max(startedAt, Math.round(stat.mtimeMs)));
      this.emit(file, startedAt, endedAt, { mediaStart: null, mediaEnd: null, partial: true });
    }
  }

  private emit(file: string, startedAt: number, endedAt: number, media: { mediaStart: number | null; mediaEnd: number | null; partial: boolean }): void {
    const { track, classroomId } = this.context;
    const size = statSync(join(this.context.dir, file), { throwIfNoEntry: false })?.size ?? 0;
    this.lastEndedAt = endedAt;
    this.context.onSegment({
      file: `${this.context.relativeDir}/${file}`,
      participantId: track.participantId,
      classroomId,
      source: track.source,
      kind: track.kind,
      producerId: track.producerId,
      run: this.runId,
      startedAt,
      endedAt,
      ...media,
      bytes: size,
    });
  }
}

/** What the recorder accepts: the router's codec of the track's kind (VP8 or Opus), without RTX or bandwidth feedback. */
function recorderCapabilities(router: RtpCapabilities, kind: 'audio' | 'video'): RtpCapabilities {
  const codecs = (router.codecs ?? []).filter((codec) => codec.kind === kind && !/\/rtx$/i.test(codec.mimeType)).map((codec) => ({ ...codec, rtcpFeedback: [] }));
  return { codecs, headerExtensions: [] };
}
