import type { Consumer, Producer } from 'mediasoup-client/types';
import type { MediaSource } from '@shared';
import { useLessonStore } from '../lesson/lessonStore';

/*
 * getStats of the media service's producers and consumers, as plain rows for
 * the quality figures and the end-to-end tests.
 */

/** One send-side row of getStats, per published source. */
export interface OutboundSourceStats {
  source: MediaSource;
  bytesSent: number;
  frameWidth: number;
  frameHeight: number;
  framesPerSecond: number;
  /** Why the encoder sends less than asked: 'bandwidth', 'cpu', 'none'. */
  qualityLimitationReason: string | null;
  /** The browser's estimate of the uplink (bit/s), shared by every source on the transport. */
  availableOutgoingBitrate: number | null;
}

/** One receive-side row of getStats, per received track. */
export interface InboundTrackStats {
  producerId: string;
  participantId: string;
  /** What the sender tagged it as (teacher camera, courseware …). */
  source: MediaSource | null;
  kind: 'audio' | 'video';
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  totalSamplesReceived: number;
  /** Sum of squared audio level × duration: rises only while real sound arrives. */
  totalAudioEnergy: number;
  packetsReceived: number;
  bytesReceived: number;
}

/** Receive-side statistics per received track. */
export async function inboundRows(consumers: ReadonlyMap<string, Consumer>): Promise<InboundTrackStats[]> {
  const rows: InboundTrackStats[] = [];
  const received = useLessonStore.getState().received;
  for (const [producerId, consumer] of consumers) {
    const info = received.find((r) => r.producerId === producerId);
    const stats = await consumer.getStats();
    // Chrome reports inbound-rtp only once a packet arrived: a consumer that
    // has received nothing (e.g. a microphone paused at the SFU) is a zero row.
    const reports = [...stats.values()].filter((report) => report.type === 'inbound-rtp');
    for (const report of reports.length > 0 ? reports : [{}]) {
      rows.push({
        producerId,
        participantId: info?.participantId ?? '',
        source: info?.source ?? null,
        kind: consumer.kind,
        framesDecoded: report.framesDecoded ?? 0,
        frameWidth: report.frameWidth ?? 0,
        frameHeight: report.frameHeight ?? 0,
        totalSamplesReceived: report.totalSamplesReceived ?? 0,
        totalAudioEnergy: report.totalAudioEnergy ?? 0,
        packetsReceived: report.packetsReceived ?? 0,
        bytesReceived: report.bytesReceived ?? 0,
      });
    }
  }
  return rows;
}

/** Send-side statistics per published source. */
export async function outboundRows(producers: ReadonlyMap<MediaSource, Producer>): Promise<OutboundSourceStats[]> {
  const rows: OutboundSourceStats[] = [];
  for (const [source, producer] of producers) {
    const stats = [...(await producer.getStats()).values()];
    // Layers switched off (nobody shows them: see encodeUpTo) report active: false and keep their last frame size.
    const layers = stats.filter((report) => report.type === 'outbound-rtp' && report.active !== false);
    const pair = stats.find((report) => report.type === 'candidate-pair' && report.nominated);
    rows.push({
      source,
      bytesSent: layers.reduce((sum, layer) => sum + (layer.bytesSent ?? 0), 0),
      // The largest layer actually sent (simulcast layers the encoder dropped report no frame size).
      frameWidth: Math.max(0, ...layers.map((layer) => layer.frameWidth ?? 0)),
      frameHeight: Math.max(0, ...layers.map((layer) => layer.frameHeight ?? 0)),
      framesPerSecond: Math.max(0, ...layers.map((layer) => layer.framesPerSecond ?? 0)),
      qualityLimitationReason: layers.find((layer) => layer.qualityLimitationReason)?.qualityLimitationReason ?? null,
      availableOutgoingBitrate: pair?.availableOutgoingBitrate ?? null,
    });
  }
  return rows;
}
