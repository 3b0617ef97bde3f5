import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Lesson } from '../../../lesson/Lesson.js';
import type { Logger } from '../../../log.js';
import { freeUdpPortPair } from '../../recording/udpPorts.js';
import { PROGRAM_AUDIO_PT, PROGRAM_VIDEO_PT, ProgramFeed, type ProgramPorts } from './ProgramFeed.js';
import { SupervisedFfmpeg, type RunStatus } from './superviseFfmpeg.js';

/** Sound slots of the program: the teacher and two classrooms speaking at once (a floor and 讨论 rarely open more). */
const SOUND_SLOTS = 3;

/** How the program is encoded: one picture size for HLS and the push, a key frame every second (HLS segments of 1 s). */
export interface EncodeSettings {
  height: number;
  videoKbps: number;
}

export interface LiveOutputStatus {
  hls: RunStatus & { playlist: boolean };
  rtmp: (RunStatus & { target: string }) | null;
  /** The producer whose picture is on the program now. */
  showing: string | null;
}

/** A push target as an admin may see it in a status: the stream key (the path's last part and any query) hidden. */
export const maskedTarget = (url: string): string => url.replace(/^(rtmps?:\/\/[^/]+\/(?:[^/?]+\/)*)[^/?]*(\?.*)?$/, '$1••••');

function sdpOf(ports: ProgramPorts): string {
  const lines = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=tongtang program', 'c=IN IP4 127.0.0.1', 't=0 0'];
  lines.push(`m=video ${ports.video} RTP/AVP ${PROGRAM_VIDEO_PT}`, `a=rtpmap:${PROGRAM_VIDEO_PT} VP8/90000`, 'a=recvonly');
  for (const port of ports.audio) lines.push(`m=audio ${port} RTP/AVP ${PROGRAM_AUDIO_PT}`, `a=rtpmap:${PROGRAM_AUDIO_PT} opus/48000/2`, 'a=recvonly');
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The encoder: the program's RTP in (packets stamped with their arrival
 * time, so the picture and the slots line up whatever their RTP clocks), one
 * H.264 + AAC encode, out as HLS (1 s segments, the last 6 listed, old ones
 * deleted) and as MPEG-TS over loopback UDP for the push, which copies it.
 * UDP never blocks: a push that fails or restarts costs HLS nothing.
 */
function encoderArgs(ports: ProgramPorts, settings: EncodeSettings, pushPort: number): string[] {
  const h = settings.height;
  const w = Math.round((h * 16) / 9 / 2) * 2;
  const mix = ports.audio.map((_, i) => `[0:a:${i}]`).join('');
  return [
    '-hide_banner', '-loglevel', 'warning', '-nostdin',
    '-protocol_whitelist', 'pipe,udp,rtp',
    '-use_wallclock_as_timestamps', '1',
    '-reorder_queue_size', '0',
    '-analyzeduration', '2000000', '-probesize', '2000000',
    '-f', 'sdp', '-i', 'pipe:0',
    '-filter_complex',
    `[0:v:0]scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2,fps=25,format=yuv420p[v];${mix}amix=inputs=${ports.audio.length}:normalize=0:dropout_transition=0,aresample=async=1000[a]`,
    '-map', '[v]', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'main',
    '-g', '25', '-keyint_min', '25', '-sc_threshold', '0',
    '-b:v', `${settings.videoKbps}k`, '-maxrate', `${settings.videoKbps}k`, '-bufsize', `${settings.videoKbps}k`,
    '-c:a', 'aac', '-b:a', '96k', '-ar', '48000', '-ac', '2',
    '-f', 'tee',
    `[f=hls:hls_time=1:hls_list_size=6:hls_flags=delete_segments+independent_segments+program_date_time:hls_segment_filename=seg-%06d.ts]index.m3u8|[f=mpegts:onfail=ignore]udp\\://127.0.0.1\\:${pushPort}?pkt_size=1316`,
  ];
}

/** The push: the encoder's MPEG-TS copied (no second encode) to the regional platform's RTMP address. */
const pusherArgs = (pushPort: number, target: string): string[] => [
  '-hide_banner', '-loglevel', 'warning', '-nostdin',
  '-f', 'mpegts', '-i', `udp://127.0.0.1:${pushPort}?fifo_size=100000&overrun_nonfatal=1`,
  '-map', '0', '-c', 'copy', '-bsf:a', 'aac_adtstoasc',
  '-f', 'flv', '-flvflags', 'no_duration_filesize', target,
];

/**
 * One lesson's live outputs (直播输出): its program feed, the encoder writing
 * HLS into `dir`, and the RTMP push when the broadcast has a target. Each
 * ffmpeg has its own status and is started again when it dies; stopping ends
 * them all and removes the HLS files (the recording keeps the lesson).
 */
export class LiveOutput {
  private feed: ProgramFeed | null = null;
  private encoder: SupervisedFfmpeg | null = null;
  private pusher: SupervisedFfmpeg | null = null;

  constructor(
    private readonly lesson: Lesson,
    readonly dir: string,
    private readonly rtmpTarget: string | null,
    private readonly settings: EncodeSettings,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    const ports: ProgramPorts = { video: await freeUdpPortPair(), audio: [] };
    for (let i = 0; i < SOUND_SLOTS; i++) ports.audio.push(await freeUdpPortPair());
    const pushPort = await freeUdpPortPair();
    this.encoder = new SupervisedFfmpeg('hls', () => encoderArgs(ports, this.settings, pushPort), { cwd: this.dir, stdin: () => sdpOf(ports) }, this.logger);
    this.encoder.start();
    if (this.rtmpTarget) {
      const target = this.rtmpTarget;
      this.pusher = new SupervisedFfmpeg('rtmp', () => pusherArgs(pushPort, target), {}, this.logger);
      this.pusher.start();
    }
    // The encoder binds its ports first; packets sent before that are lost, and the picture waits for a key frame anyway.
    await new Promise((r) => setTimeout(r, 300));
    this.feed = new ProgramFeed(this.lesson, ports, this.logger);
    await this.feed.start();
  }

  get status(): LiveOutputStatus {
    return {
      hls: { ...(this.encoder?.status ?? { state: 'starting', restarts: 0, lastError: null, since: Date.now() }), playlist: existsSync(join(this.dir, 'index.m3u8')) },
      rtmp: this.pusher && this.rtmpTarget ? { ...this.pusher.status, target: maskedTarget(this.rtmpTarget) } : null,
      showing: this.feed?.showing ?? null,
    };
  }

  /** ffmpeg's process ids (the tests kill them). */
  get pids(): { hls: number | null; rtmp: number | null } {
    return { hls: this.encoder?.pid ?? null, rtmp: this.pusher?.pid ?? null };
  }

  async stop(): Promise<void> {
    this.feed?.stop();
    await Promise.all([this.encoder?.stop(), this.pusher?.stop()]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
