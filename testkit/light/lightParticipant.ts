import type { ClientRequest, ConsumerOptions, JoinedLesson, TransportOptions } from '@shared';
import type { DtlsParameters } from 'mediasoup-client/types';
import { openLink, type MediasoupLink } from './mediasoupLink.js';
import { SyntheticCamera } from './syntheticCamera.js';

/** Sends one request and returns its data (a RawClient's `ok`). */
export type Ask = <T>(request: ClientRequest) => Promise<T>;

/**
 * What a light client declares it can receive: the router's own codecs,
 * without the bandwidth-estimation extensions and feedback. The SFU then
 * forwards each consumer at the layer its place asks for, which is what a
 * test measures (with estimation, a link that sends no feedback would be
 * held at the initial 1 Mbit/s).
 */
export function lightCapabilities(joined: JoinedLesson): unknown {
  const router = joined.routerRtpCapabilities as { codecs: { rtcpFeedback?: { type: string }[] }[]; headerExtensions: { uri: string }[] };
  return {
    codecs: router.codecs.map((codec) => ({ ...codec, rtcpFeedback: (codec.rtcpFeedback ?? []).filter((f) => f.type !== 'transport-cc' && f.type !== 'goog-remb') })),
    headerExtensions: router.headerExtensions.filter((e) => !/transport-wide-cc|abs-send-time/.test(e.uri)),
  };
}

/** Bytes of RTP payload received per stream, with a rate over a recent window. */
export class ReceivedBytes {
  private readonly samples: { at: number; bytes: number }[] = [];
  total = 0;

  add(bytes: number): void {
    this.total += bytes;
    this.samples.push({ at: Date.now(), bytes: this.total });
    while (this.samples.length > 2 && this.samples[0]!.at < Date.now() - 10_000) this.samples.shift();
  }

  /** Kilobits per second received over the last `windowMs`. */
  kbps(windowMs = 2000): number {
    const now = Date.now();
    const from = [...this.samples].reverse().find((s) => s.at <= now - windowMs) ?? this.samples[0];
    if (!from) return 0;
    return ((this.total - from.bytes) * 8) / Math.max(windowMs, now - from.at);
  }
}

/**
 * A light receiver: consumes `producerIds` at `place` on one receive
 * transport and counts what arrives of each. The participant has already
 * joined (`joined`).
 */
export async function receiveLight(
  ask: Ask,
  joined: JoinedLesson,
  producerIds: string[],
  place: 'main' | 'half' | 'tile' = 'main',
): Promise<{ link: MediasoupLink; received: Map<string, ReceivedBytes>; consumers: ConsumerOptions[] }> {
  await ask({ type: 'declareCapabilities', rtpCapabilities: lightCapabilities(joined) as never });
  const transport = await ask<TransportOptions>({ type: 'createTransport', direction: 'recv' });
  const consumers: ConsumerOptions[] = [];
  for (const producerId of producerIds) consumers.push(await ask<ConsumerOptions>({ type: 'consume', producerId, place }));
  const streams = consumers.map((c) => {
    const codec = (c.rtpParameters as { codecs: { mimeType: string; payloadType: number; clockRate: number; channels?: number }[] }).codecs[0]!;
    const ssrc = (c.rtpParameters as { encodings: { ssrc: number }[] }).encodings[0]!.ssrc;
    return { kind: c.kind, ssrc, payloadType: codec.payloadType, mimeType: codec.mimeType, clockRate: codec.clockRate, ...(codec.channels ? { channels: codec.channels } : {}) };
  });
  const link = await openLink(transport, 'recv', streams, (dtlsParameters: DtlsParameters) => ask({ type: 'connectTransport', transportId: transport.id, dtlsParameters }));
  const received = new Map<string, ReceivedBytes>();
  consumers.forEach((consumer, index) => {
    const bytes = new ReceivedBytes();
    received.set(consumer.producerId, bytes);
    // The track may have been made while the answer was applied, before this line: take it, or wait for it.
    const count = (track: { onReceiveRtp: { subscribe(f: (rtp: { payload: Buffer }) => void): unknown } }): void =>
      void track.onReceiveRtp.subscribe((rtp) => bytes.add(rtp.payload.length));
    const transceiver = link.transceivers[index]!;
    const made = transceiver.receiver.tracks[0];
    if (made) count(made);
    else transceiver.onTrack.subscribe((track) => count(track));
  });
  for (const consumer of consumers) await ask({ type: 'resumeConsumer', consumerId: consumer.id });
  return { link, received, consumers };
}

/**
 * A light sender of a synthetic three-layer VP8 camera at `rates` (bit/s per
 * layer). The participant has already joined.
 */
export async function sendSyntheticCamera(
  ask: Ask,
  source: 'teacher' | 'students',
  rates: number[],
  firstSsrc: number,
): Promise<{ camera: SyntheticCamera; producerId: string; link: MediasoupLink }> {
  const transport = await ask<TransportOptions>({ type: 'createTransport', direction: 'send' });
  const payloadType = 96;
  const link = await openLink(transport, 'send', [{ kind: 'video', ssrc: firstSsrc, payloadType, mimeType: 'video/VP8', clockRate: 90_000 }], (dtlsParameters) =>
    ask({ type: 'connectTransport', transportId: transport.id, dtlsParameters }),
  );
  const ssrcs = rates.map((_, layer) => firstSsrc + layer);
  const { producerId } = await ask<{ producerId: string }>({
    type: 'produce',
    transportId: transport.id,
    kind: 'video',
    source,
    rtpParameters: {
      mid: link.transceivers[0]!.mid ?? '0',
      codecs: [{ mimeType: 'video/VP8', payloadType, clockRate: 90_000, parameters: {}, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }] }],
      headerExtensions: [],
      encodings: ssrcs.map((ssrc) => ({ ssrc, scalabilityMode: 'L1T1' })),
      rtcp: { cname: `light-${firstSsrc}`, reducedSize: true },
    } as never,
  });
  const camera = new SyntheticCamera(link, ssrcs, payloadType, rates);
  camera.start();
  return { camera, producerId, link };
}
