import type { IceCandidate } from 'mediasoup-client/types';
import { pathFigures, type StatsEntry } from '../media/statsReport';

/** The SFU's candidates of one protocol: a test transport given only these can connect only over it. */
export const candidatesFor = (candidates: IceCandidate[], protocol: 'udp' | 'tcp'): IceCandidate[] =>
  candidates.filter((candidate) => candidate.protocol === protocol);

/** A send transport's getStats at one moment, as plain numbers. */
export interface SendSnapshot {
  timestamp: number;
  /** Summed over every outbound-rtp (all simulcast layers). */
  bytesSent: number;
  /** The congestion controller's estimate of the upload (candidate-pair availableOutgoingBitrate), bit/s. */
  availableOutgoingBitrate: number | null;
  rttMs: number | null;
}

export function sendSnapshotFrom(entries: Iterable<StatsEntry>): SendSnapshot {
  const all = [...entries];
  let timestamp = 0;
  let bytesSent = 0;
  for (const entry of all) {
    if (entry.type !== 'outbound-rtp') continue;
    bytesSent += typeof entry['bytesSent'] === 'number' ? entry['bytesSent'] : 0;
    if (typeof entry['timestamp'] === 'number') timestamp = Math.max(timestamp, entry['timestamp']);
  }
  return { timestamp, bytesSent, ...pathFigures(all) };
}

/**
 * The upload estimate of a test stream: the better of what the browser's
 * congestion control believes it can send and what it actually sent over
 * the interval. A fake or still camera may send less than the link carries;
 * the estimate then comes from the congestion controller.
 */
export function uplinkKbps(first: SendSnapshot, last: SendSnapshot): number | null {
  const elapsedMs = last.timestamp - first.timestamp;
  const sent = elapsedMs > 0 ? (Math.max(0, last.bytesSent - first.bytesSent) * 8) / elapsedMs : 0;
  const estimated = last.availableOutgoingBitrate === null ? 0 : last.availableOutgoingBitrate / 1000;
  const best = Math.max(sent, estimated);
  return best > 0 ? Math.round(best) : null;
}
