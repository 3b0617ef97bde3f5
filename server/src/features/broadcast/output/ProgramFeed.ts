import { createSocket, type Socket } from 'node:dgram';
import type { Consumer } from 'mediasoup/node/lib/Consumer.js';
import type { PlainTransport } from 'mediasoup/node/lib/PlainTransport.js';
import type { RtpCapabilities } from 'mediasoup/node/lib/RtpParameters.js';
import type { PublishedTrack, SourceRef } from '@shared';
import type { Lesson } from '../../../lesson/Lesson.js';
import type { Logger } from '../../../log.js';
import { scheduleSendLayers } from '../../media/sendLayers.js';
import { AudioSlots, ContinuousStream, isRtcp, ssrcOf, VideoSwitch } from './rtpSwitch.js';

/** What the encoder listens on: the program picture's port and one port per sound slot. */
export interface ProgramPorts {
  video: number;
  audio: number[];
}

export const PROGRAM_VIDEO_PT = 96;
export const PROGRAM_AUDIO_PT = 100;
/** While a newly chosen picture has sent no key frame, it is asked again this often. */
const KEY_FRAME_RETRY_MS = 500;
const TICK_MS = 20;

/** What the program may consume of a kind: the router's codec without feedback or extensions (loopback, no estimation). */
function programCapabilities(router: RtpCapabilities, kind: 'audio' | 'video'): RtpCapabilities {
  const codecs = (router.codecs ?? []).filter((codec) => codec.kind === kind && !/\/rtx$/i.test(codec.mimeType)).map((codec) => ({ ...codec, rtcpFeedback: [] }));
  return { codecs, headerExtensions: [] };
}

/** The picture the classrooms see large, as a published track; the teacher's camera when the stage names none. */
function mainTrack(lesson: Lesson): PublishedTrack | null {
  const main: SourceRef | null = lesson.stage.stage.main;
  const tracks = lesson.tracks().filter((t) => t.kind === 'video');
  return (
    (main && tracks.find((t) => t.participantId === main.participantId && t.source === main.source)) ??
    tracks.find((t) => t.participantId === 'teacher' && t.source === 'teacher') ??
    tracks.find((t) => t.participantId === 'teacher') ??
    null
  );
}

/**
 * The lesson's program (节目流) as one picture and a few sound slots of RTP
 * for an encoder: the picture the classrooms see large — it follows the
 * stage, automatic directing or the teacher's layout — and every microphone
 * the floor gate lets through. The router sends them over two
 * PlainTransports to this process, which switches them into continuous
 * streams (rtpSwitch.ts) and sends those to the encoder's ports. The program
 * counts as a viewer of its picture at the top layer (its sender keeps
 * encoding 720p, as for a recording). After a worker death the feed is built
 * again on the new router.
 */
export class ProgramFeed {
  private videoTransport: PlainTransport | null = null;
  private audioTransport: PlainTransport | null = null;
  private readonly videoIn = createSocket('udp4');
  private readonly audioIn = createSocket('udp4');
  private readonly out = createSocket('udp4');
  private readonly video: VideoSwitch;
  private readonly audio: AudioSlots;
  /** Consumers by their SSRC on the plain transports (how the packets are told apart). */
  private readonly pictures = new Map<number, Consumer>();
  private readonly sounds = new Map<string, Consumer>();
  private wanted: number | null = null;
  private readonly unsubscribe: Array<() => void> = [];
  private ticker: NodeJS.Timeout | null = null;
  private keyFrames: NodeJS.Timeout | null = null;
  private stopped = false;
  private building: Promise<void> = Promise.resolve();

  constructor(
    private readonly lesson: Lesson,
    ports: ProgramPorts,
    private readonly logger: Logger,
  ) {
    const sendTo = (port: number) => (packet: Buffer) => this.out.send(packet, port, '127.0.0.1');
    this.video = new VideoSwitch(new ContinuousStream(0x7e000001, PROGRAM_VIDEO_PT, 90_000, sendTo(ports.video)));
    this.audio = new AudioSlots(ports.audio.map((port, index) => new ContinuousStream(0x7e000010 + index, PROGRAM_AUDIO_PT, 48_000, sendTo(port))));
    this.videoIn.on('message', (packet) => {
      if (!isRtcp(packet) && packet.length >= 12) this.video.packet(ssrcOf(packet), packet);
    });
    this.audioIn.on('message', (packet) => {
      if (!isRtcp(packet) && packet.length >= 12) this.audio.packet(ssrcOf(packet), packet);
    });
  }

  async start(): Promise<void> {
    await Promise.all([this.videoIn, this.audioIn].map((socket) => new Promise<void>((done) => socket.bind(0, '127.0.0.1', done))));
    const { lesson } = this;
    this.unsubscribe.push(
      lesson.on('stagechanged', () => this.follow()),
      lesson.on('trackpublished', (track) => (track.kind === 'audio' ? this.hear(track) : this.follow())),
      lesson.on('trackclosed', () => this.follow()),
      lesson.on('routerchanged', () => this.rebuild()),
    );
    this.ticker = setInterval(() => this.audio.tick(), TICK_MS);
    this.keyFrames = setInterval(() => this.askKeyFrame(), KEY_FRAME_RETRY_MS);
    await this.rebuild();
  }

  /** Which producer's picture is on the program now (null before its first key frame). */
  get showing(): string | null {
    const ssrc = this.video.showing;
    return ssrc === null ? null : (this.pictures.get(ssrc)?.producerId ?? null);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.ticker) clearInterval(this.ticker);
    if (this.keyFrames) clearInterval(this.keyFrames);
    this.closeTransports();
    for (const socket of [this.videoIn, this.audioIn, this.out]) socket.close();
  }

  /** New transports on the lesson's router now (at start, and after a worker death). */
  private rebuild(): Promise<void> {
    this.building = this.building.then(async () => {
      if (this.stopped) return;
      this.closeTransports();
      let router;
      try {
        router = this.lesson.router;
      } catch {
        return; // The worker is down; routerchanged comes with the new one.
      }
      const plain = async (socket: Socket) => {
        const transport = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: true, comedia: false, enableSctp: false });
        await transport.connect({ ip: '127.0.0.1', port: socket.address().port });
        return transport;
      };
      this.videoTransport = await plain(this.videoIn);
      this.audioTransport = await plain(this.audioIn);
      for (const track of this.lesson.tracks()) if (track.kind === 'audio') await this.hear(track);
      await this.show();
    });
    return this.building.catch((error: unknown) => this.logger.error({ err: String(error) }, 'the program feed could not be built'));
  }

  private closeTransports(): void {
    for (const consumer of this.pictures.values()) this.lesson.serverViewers.delete(`${consumer.producerId}:program`);
    this.pictures.clear();
    this.sounds.clear();
    this.wanted = null;
    this.videoTransport?.close();
    this.audioTransport?.close();
    this.videoTransport = this.audioTransport = null;
  }

  private follow(): void {
    this.building = this.building.then(() => this.show()).catch((error: unknown) => this.logger.warn({ err: String(error) }, 'the program could not follow the stage'));
  }

  /** Consumes the stage's main picture if it is not on (or coming on) already; the old one stays until the new one's key frame. */
  private async show(): Promise<void> {
    const transport = this.videoTransport;
    const track = mainTrack(this.lesson);
    if (this.stopped || !transport || !track) return;
    const existing = [...this.pictures.entries()].find(([, c]) => c.producerId === track.producerId);
    if (existing) {
      this.wanted = existing[0];
      this.video.choose(existing[0]);
      return;
    }
    const consumer = await transport.consume({
      producerId: track.producerId,
      rtpCapabilities: programCapabilities(this.lesson.router.rtpCapabilities, 'video'),
      preferredLayers: { spatialLayer: 2, temporalLayer: 2 },
      appData: { place: 'main', program: true },
    });
    const ssrc = consumer.rtpParameters.encodings?.[0]?.ssrc;
    if (ssrc === undefined || this.stopped) return void consumer.close();
    this.pictures.set(ssrc, consumer);
    this.lesson.serverViewers.set(`${track.producerId}:program`, consumer);
    scheduleSendLayers(this.lesson, track.producerId);
    consumer.observer.once('close', () => {
      this.pictures.delete(ssrc);
      this.lesson.serverViewers.delete(`${track.producerId}:program`);
      scheduleSendLayers(this.lesson, track.producerId);
    });
    this.wanted = ssrc;
    this.video.choose(ssrc);
    await consumer.requestKeyFrame();
  }

  /** Until the chosen picture is on, asks it for key frames; once it is, lets the pictures that are off go. */
  private askKeyFrame(): void {
    if (this.wanted === null) return;
    if (this.video.showing === this.wanted) {
      for (const [ssrc, consumer] of this.pictures) if (ssrc !== this.wanted) consumer.close();
      return;
    }
    void this.pictures.get(this.wanted)?.requestKeyFrame().catch(() => undefined);
  }

  /** Every microphone is consumed; the floor gate decides what reaches the slots (a closed one sends nothing). */
  private async hear(track: PublishedTrack): Promise<void> {
    const transport = this.audioTransport;
    if (this.stopped || !transport || this.sounds.has(track.producerId)) return;
    try {
      const consumer = await transport.consume({ producerId: track.producerId, rtpCapabilities: programCapabilities(this.lesson.router.rtpCapabilities, 'audio'), appData: { program: true } });
      this.sounds.set(track.producerId, consumer);
      consumer.observer.once('close', () => this.sounds.delete(track.producerId));
    } catch (error) {
      if (this.lesson.findProducer(track.producerId)) this.logger.warn({ producerId: track.producerId, err: String(error) }, 'the program cannot hear a microphone');
    }
  }
}
