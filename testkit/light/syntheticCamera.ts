import { ntpTime, RtcpSenderInfo, RtcpSrPacket, RtpHeader } from 'werift';
import type { MediasoupLink } from './mediasoupLink.js';

/*
 * A camera that sends exactly what the test asks, whatever the SFU says:
 * VP8 simulcast, one SSRC per layer, at the bitrates set. The payload is
 * not a picture, only what the SFU reads of VP8 — the payload descriptor
 * (picture id, TL0 index, temporal layer) and the key-frame bit — so it
 * forwards, switches layers and counts bitrate as for a real camera. REMB,
 * PLI and sendLayers are ignored: this is the broken or hostile terminal the
 * SFU must protect the lesson from. Sender reports go out every second, as
 * from any sender: the SFU switches a receiver between simulcast layers only
 * once it can line up their timestamps through them.
 */
const FPS = 30;
const KEY_FRAME_EVERY = FPS;
const MAX_PAYLOAD = 1100;

export class SyntheticCamera {
  private timer: NodeJS.Timeout | null = null;
  private reportTimer: NodeJS.Timeout | null = null;
  private frame = 0;
  private startedAt = 0;
  private readonly sequence: number[];
  private readonly sent: { packets: number; octets: number }[];

  constructor(
    private readonly link: MediasoupLink,
    readonly ssrcs: number[],
    private readonly payloadType: number,
    /** Bits per second of each layer, lowest first. */
    private rates: number[],
  ) {
    this.sequence = ssrcs.map(() => Math.floor(Math.random() * 30_000));
    this.sent = ssrcs.map(() => ({ packets: 0, octets: 0 }));
  }

  /** New bitrates per layer, from the next frame on (0: that layer is not sent). */
  setRates(rates: number[]): void {
    this.rates = rates;
  }

  start(): void {
    this.startedAt = Date.now();
    this.timer = setInterval(() => this.sendFrame(), 1000 / FPS);
    this.reportTimer = setInterval(() => this.sendReports(), 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.reportTimer) clearInterval(this.reportTimer);
    this.timer = this.reportTimer = null;
  }

  /** The 90 kHz media clock, from the wall clock (so sender reports and packets agree). */
  private rtpNow(): number {
    return Math.round((Date.now() - this.startedAt) * 90) >>> 0;
  }

  private sendReports(): void {
    const dtls = this.link.transceivers[0]!.sender.dtlsTransport;
    const reports = this.ssrcs.map(
      (ssrc, layer) =>
        new RtcpSrPacket({
          ssrc,
          senderInfo: new RtcpSenderInfo({ ntpTimestamp: ntpTime(), rtpTimestamp: this.rtpNow(), packetCount: this.sent[layer]!.packets, octetCount: this.sent[layer]!.octets }),
        }),
    );
    void dtls.sendRtcp(reports).catch(() => undefined);
  }

  private sendFrame(): void {
    const dtls = this.link.transceivers[0]!.sender.dtlsTransport;
    const key = this.frame % KEY_FRAME_EVERY === 0;
    const pictureId = this.frame & 0x7fff;
    const timestamp = this.rtpNow();
    this.ssrcs.forEach((ssrc, layer) => {
      // A layer at 0 is switched off, as a page does with a layer it was told nobody shows.
      let left = Math.round((this.rates[layer] ?? 0) / 8 / FPS);
      let first = true;
      while (left > 0) {
        const size = Math.min(left, MAX_PAYLOAD);
        left -= size;
        // X=1, S on the frame's first packet, partition 0; I (15-bit picture id), L (TL0PICIDX), T (temporal layer 0).
        const descriptor = Buffer.from([first ? 0x90 : 0x80, 0xe0, 0x80 | (pictureId >> 8), pictureId & 0xff, this.frame & 0xff, 0x20]);
        const body = Buffer.alloc(size, 0xab);
        // The VP8 payload header's P bit: 0 on a key frame.
        body[0] = key ? 0x00 : 0x01;
        const header = new RtpHeader({
          payloadType: this.payloadType,
          sequenceNumber: (this.sequence[layer] = (this.sequence[layer]! + 1) & 0xffff),
          timestamp,
          ssrc,
          marker: left === 0,
        });
        void dtls.sendRtp(Buffer.concat([descriptor, body]), header).catch(() => undefined);
        this.sent[layer]!.packets += 1;
        this.sent[layer]!.octets += descriptor.length + body.length;
        first = false;
      }
    });
    this.frame += 1;
  }
}
