import type { Producer } from 'mediasoup-client/types';
import type { MediaSource } from '@shared';
import { counters, pathFigures } from './statsReport';

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

/** One received track's part of the receive transport's getStats (see media.receiverReports). */
export interface ReceiverReport {
  producerId: string;
  participantId: string;
  source: MediaSource | null;
  kind: 'audio' | 'video';
  /** Its inbound-rtp (missing until a first packet arrived) and the transport's path (pathEntries). */
  entries: Array<Record<string, unknown>>;
}

/**
 * Receive-side rows per received track. A track that has received nothing
 * yet (e.g. a microphone paused at the SFU) is a zero row: Chrome reports its
 * inbound-rtp only once a packet arrived.
 */
export function inboundRows(reports: ReceiverReport[]): InboundTrackStats[] {
  return reports.map(({ producerId, participantId, source, kind, entries }) => ({
    producerId,
    participantId,
    source,
    kind,
    ...counters(entries.find((entry) => entry['type'] === 'inbound-rtp'), [
      'framesDecoded',
      'frameWidth',
      'frameHeight',
      'totalSamplesReceived',
      'totalAudioEnergy',
      'packetsReceived',
      'bytesReceived',
    ]),
  }));
}

/** Send-side statistics per published source. */
export async function outboundRows(producers: ReadonlyMap<MediaSource, Producer>): Promise<OutboundSourceStats[]> {
  const rows: OutboundSourceStats[] = [];
  for (const [source, producer] of producers) {
    const stats = [...(await producer.getStats()).values()];
    // Layers switched off (nobody shows them: see encodeUpTo) report active: false and keep their last frame size.
    const layers = stats.filter((report) => report.type === 'outbound-rtp' && report.active !== false);
    rows.push({
      source,
      bytesSent: layers.reduce((sum, layer) => sum + (layer.bytesSent ?? 0), 0),
      // The largest layer actually sent (simulcast layers the encoder dropped report no frame size).
      frameWidth: Math.max(0, ...layers.map((layer) => layer.frameWidth ?? 0)),
      frameHeight: Math.max(0, ...layers.map((layer) => layer.frameHeight ?? 0)),
      framesPerSecond: Math.max(0, ...layers.map((layer) => layer.framesPerSecond ?? 0)),
      qualityLimitationReason: layers.find((layer) => layer.qualityLimitationReason)?.qualityLimitationReason ?? null,
      availableOutgoingBitrate: pathFigures(stats).availableOutgoingBitrate,
    });
  }
  return rows;
}
