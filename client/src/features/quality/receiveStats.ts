import type { ReceiveSample } from '@shared';
import { counters, pathFigures, type StatsEntry } from '../media/statsReport';

/** The getStats figures of one received track at one moment; plain numbers, so deltas are unit-tested without a browser. */
export interface ReceiveSnapshot {
  /** ms, from the inbound-rtp report's own clock. */
  timestamp: number;
  bytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  freezeCount: number;
  /** Seconds, as getStats reports it. */
  totalFreezesDuration: number;
  rttMs: number | null;
}

/**
 * Reads one receiver's getStats report: its inbound-rtp, and the RTT of the
 * candidate pair in use (a receiver's report carries its transport's path:
 * see selectedCandidatePair).
 */
export function snapshotFrom(entries: Iterable<StatsEntry>): ReceiveSnapshot | null {
  const all = [...entries];
  const inbound = all.find((entry) => entry.type === 'inbound-rtp');
  // Chrome has no inbound-rtp until the first packet arrived (e.g. a microphone paused at the SFU).
  if (!inbound) return null;
  return {
    ...counters(inbound, [
      'timestamp',
      'bytesReceived',
      'packetsReceived',
      'packetsLost',
      'framesDecoded',
      'frameWidth',
      'frameHeight',
      'freezeCount',
      'totalFreezesDuration',
    ]),
    rttMs: pathFigures(all).rttMs,
  };
}

const round = (value: number, digits = 0): number => Number(value.toFixed(digits));

/**
 * What happened between two snapshots of the same track: bitrate, loss and
 * frame rate over the interval, the current picture size and RTT. Without an
 * earlier snapshot (or after a counter reset, e.g. a new consumer) the rates
 * are zero rather than a made-up figure.
 */
export function sampleBetween(
  previous: ReceiveSnapshot | undefined,
  current: ReceiveSnapshot,
): Omit<ReceiveSample, 'producerId' | 'kind'> {
  const elapsedMs = previous ? current.timestamp - previous.timestamp : 0;
  const usable = previous !== undefined && elapsedMs > 0 && current.bytesReceived >= previous.bytesReceived;
  const delta = (pick: (s: ReceiveSnapshot) => number): number => (usable ? Math.max(0, pick(current) - pick(previous!)) : 0);
  const received = delta((s) => s.packetsReceived);
  // packetsLost can fall when late packets arrive after all; a negative delta is no loss.
  const lost = delta((s) => s.packetsLost);
  // RTT comes from STUN checks every few seconds and is missing from some reports: the last one measured stands.
  const rttMs = current.rttMs ?? previous?.rttMs ?? null;
  return {
    rttMs: rttMs === null ? null : round(rttMs, 1),
    lossPct: received + lost > 0 ? round((lost / (received + lost)) * 100, 2) : 0,
    kbps: usable ? round((delta((s) => s.bytesReceived) * 8) / elapsedMs) : 0,
    frameWidth: current.frameWidth,
    frameHeight: current.frameHeight,
    fps: usable ? round((delta((s) => s.framesDecoded) * 1000) / elapsedMs, 1) : 0,
    freezes: current.freezeCount,
    frozenPct: usable ? Math.min(100, round((delta((s) => s.totalFreezesDuration) * 1000 * 100) / elapsedMs, 1)) : 0,
  };
}
