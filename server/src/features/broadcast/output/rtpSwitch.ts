/*
 * The program feed's RTP switching (导播切换), done on packets: the encoder
 * gets one continuous stream per output (one SSRC, sequence numbers without
 * gaps, timestamps that keep running) whatever source feeds it now, so it
 * never sees a new stream start, a stream stop or a jump back in time. A
 * picture switches on the new source's key frame; a sound slot with nobody
 * speaking is filled with Opus silence, so the encoder's mix never waits for
 * a microphone that the floor gate closed.
 */

/** RTCP (sender reports and feedback) arrives on the same port (rtcp-mux): payload types 200–204. */
export const isRtcp = (packet: Buffer): boolean => packet.length >= 2 && packet[1]! >= 200 && packet[1]! <= 204;

export const ssrcOf = (packet: Buffer): number => packet.readUInt32BE(8);

/** Where the payload starts, past the CSRCs and the header extension; null for a packet too short to be RTP. */
export function payloadOffset(packet: Buffer): number | null {
  if (packet.length < 12 || packet[0]! >> 6 !== 2) return null;
  let offset = 12 + 4 * (packet[0]! & 0x0f);
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return null;
    offset += 4 + 4 * packet.readUInt16BE(offset + 2);
  }
  return offset < packet.length ? offset : null;
}

/** Whether this VP8 packet starts a key frame (RFC 7741: S=1, partition 0, and the payload header's P bit 0). */
export function startsVp8KeyFrame(packet: Buffer): boolean {
  let i = payloadOffset(packet);
  if (i === null) return false;
  const first = packet[i]!;
  if (!(first & 0x10) || (first & 0x07) !== 0) return false;
  i++;
  if (first & 0x80) {
    const extension = packet[i++] ?? 0;
    if (extension & 0x80) i += (packet[i] ?? 0) & 0x80 ? 2 : 1;
    if (extension & 0x40) i++;
    if (extension & 0x30) i++;
  }
  return i < packet.length && (packet[i]! & 0x01) === 0;
}

/** A copy of `packet` with the output's payload type, sequence number, timestamp and SSRC (marker and payload kept). */
export function rewritten(packet: Buffer, out: { payloadType: number; sequence: number; timestamp: number; ssrc: number }): Buffer {
  const copy = Buffer.from(packet);
  copy[1] = (copy[1]! & 0x80) | out.payloadType;
  copy.writeUInt16BE(out.sequence & 0xffff, 2);
  copy.writeUInt32BE(out.timestamp >>> 0, 4);
  copy.writeUInt32BE(out.ssrc >>> 0, 8);
  return copy;
}

/**
 * One continuous output stream fed by one source at a time. When the source
 * changes, the output's timestamps go on from where they were by the wall
 * time that passed, so the new source's clock (random start, other rate of
 * drift) never shows.
 */
export class ContinuousStream {
  private sequence = Math.floor(Math.random() * 0x10000);
  private lastTimestamp = Math.floor(Math.random() * 0x7fffffff);
  private lastAt = 0;
  private source: number | null = null;
  private offset = 0;

  constructor(
    readonly ssrc: number,
    readonly payloadType: number,
    private readonly clockRate: number,
    private readonly send: (packet: Buffer) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** When the output last sent a packet (0: never). */
  get lastSentAt(): number {
    return this.lastAt;
  }

  /** Forwards a packet of `source`; the first packet of a new source re-anchors the timestamps. */
  forward(source: number, packet: Buffer): void {
    const timestamp = packet.readUInt32BE(4);
    if (source !== this.source) {
      this.source = source;
      this.offset = this.nextTimestamp() - timestamp;
    }
    this.emit(packet, timestamp + this.offset);
  }

  /** Sends a packet of the output's own making (silence), then re-anchors the next source packet. */
  fill(payload: Buffer, durationTicks: number): void {
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    const timestamp = this.lastAt === 0 ? this.lastTimestamp : this.lastTimestamp + durationTicks;
    this.source = null;
    this.emit(Buffer.concat([header, payload]), timestamp);
  }

  private nextTimestamp(): number {
    if (this.lastAt === 0) return this.lastTimestamp;
    return this.lastTimestamp + Math.max(1, Math.round(((this.now() - this.lastAt) * this.clockRate) / 1000));
  }

  private emit(packet: Buffer, timestamp: number): void {
    this.sequence = (this.sequence + 1) & 0xffff;
    this.lastTimestamp = timestamp >>> 0;
    this.lastAt = this.now();
    this.send(rewritten(packet, { payloadType: this.payloadType, sequence: this.sequence, timestamp: this.lastTimestamp, ssrc: this.ssrc }));
  }
}

/**
 * The program picture: forwards the chosen source; a newly chosen one takes
 * over on its first key frame (the old one keeps the picture until then), so
 * the encoder never decodes a frame that refers to another camera's frames.
 */
export class VideoSwitch {
  private current: number | null = null;
  private pending: number | null = null;

  constructor(private readonly out: ContinuousStream) {}

  /** The source to show from its next key frame on. */
  choose(source: number): void {
    if (source === this.current) this.pending = null;
    else this.pending = source;
  }

  /** The source that is forwarded now (null before the first key frame). */
  get showing(): number | null {
    return this.current;
  }

  packet(source: number, packet: Buffer): void {
    if (source === this.pending && startsVp8KeyFrame(packet)) {
      this.current = source;
      this.pending = null;
    }
    if (source === this.current) this.out.forward(source, packet);
  }
}

/** 20 ms of Opus silence (CELT, full band, one frame). */
export const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]);
const OPUS_FRAME_TICKS = 960;
/** A slot whose microphone sent nothing for this long is free for another. */
const SLOT_IDLE_MS = 1500;
/** Silence fills a slot after this long without a packet (Opus DTX sends none while a speaker pauses). */
const FILL_AFTER_MS = 60;

/**
 * The program sound: a few fixed slots, each a continuous Opus stream that
 * the encoder mixes. A microphone that sends takes a free slot and keeps it
 * while it sends; the floor gate pauses the others at the SFU, so the slots
 * carry exactly what the classrooms hear. A slot with nobody in it, or whose
 * speaker paused, carries silence every 20 ms (`tick`).
 */
export class AudioSlots {
  private readonly holders: Array<{ source: number; lastAt: number } | null>;
  /** When each slot last forwarded a microphone's packet (0: never). */
  private readonly lastVoiceAt: number[];

  constructor(
    private readonly slots: ContinuousStream[],
    private readonly now: () => number = Date.now,
  ) {
    this.holders = slots.map(() => null);
    this.lastVoiceAt = slots.map(() => 0);
  }

  /** Which source holds each slot now (null: free). */
  get held(): Array<number | null> {
    return this.holders.map((holder) => holder?.source ?? null);
  }

  packet(source: number, packet: Buffer): void {
    const now = this.now();
    let index = this.holders.findIndex((holder) => holder?.source === source);
    if (index < 0) index = this.holders.findIndex((holder) => holder === null || now - holder.lastAt > SLOT_IDLE_MS);
    // More voices than slots: the extra one waits for a slot (in a lesson, at most the teacher and two classrooms speak at once).
    if (index < 0) return;
    this.holders[index] = { source, lastAt: now };
    this.lastVoiceAt[index] = now;
    this.slots[index]!.forward(source, packet);
  }

  /** Every 20 ms: silence where nothing was sent lately. */
  tick(): void {
    const now = this.now();
    this.slots.forEach((slot, index) => {
      // Once a slot falls silent it gets a frame every tick, so its stream keeps the 20 ms cadence.
      if (now - this.lastVoiceAt[index]! >= FILL_AFTER_MS) slot.fill(OPUS_SILENCE, OPUS_FRAME_TICKS);
      const holder = this.holders[index];
      if (holder && now - holder.lastAt > SLOT_IDLE_MS) this.holders[index] = null;
    });
  }
}
