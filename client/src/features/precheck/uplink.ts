import type { IceCandidate } from 'mediasoup-client/types';

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

type StatsEntry = Record<string, unknown> & { type?: unknown };

export function sendSnapshotFrom(entries: Iterable<StatsEntry>): SendSnapshot {
  let timestamp = 0;
  let bytesSent = 0;
  let availableOutgoingBitrate: number | null = null;
  let rttMs: number | null = null;
  for (const entry of entries) {
    if (entry.type === 'outbound-rtp') {
      bytesSent += typeof entry['bytesSent'] === 'number' ? entry['bytesSent'] : 0;
      if (typeof entry['timestamp'] === 'number') timestamp = Math.max(timestamp, entry['timestamp']);
    } else if (entry.type === 'candidate-pair' && entry['state'] === 'succeeded' && entry['nominated'] !== false) {
      if (typeof entry['availableOutgoingBitrate'] === 'number') availableOutgoingBitrate = entry['availableOutgoingBitrate'];
      if (typeof entry['currentRoundTripTime'] === 'number') rttMs = entry['currentRoundTripTime'] * 1000;
    }
  }
  return { timestamp, bytesSent, availableOutgoingBitrate, rttMs };
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
