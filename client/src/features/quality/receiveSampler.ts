import { MAX_QUALITY_SAMPLES, type ReceiveSample } from '@shared';
import { subscriber } from '../media/subscriber';
import { sampleBetween, snapshotFrom, type ReceiveSnapshot } from './receiveStats';

/** A sample and whose track it is (the sender's participant id). */
export type OwnSample = ReceiveSample & { fromId: string };

/**
 * Turns the page's receivers' getStats into per-interval samples. It keeps
 * the previous snapshot of each track, so every call describes the time
 * since the last one; tracks gone since are forgotten.
 */
export class ReceiveSampler {
  private previous = new Map<string, ReceiveSnapshot>();

  async sample(): Promise<OwnSample[]> {
    const reports = await subscriber.receiverReports();
    const next = new Map<string, ReceiveSnapshot>();
    const samples: OwnSample[] = [];
    for (const { producerId, participantId, kind, entries } of reports) {
      const snapshot = snapshotFrom(entries);
      if (!snapshot) continue;
      const previous = this.previous.get(producerId);
      next.set(producerId, { ...snapshot, rttMs: snapshot.rttMs ?? previous?.rttMs ?? null });
      samples.push({ producerId, kind, fromId: participantId, ...sampleBetween(previous, snapshot) });
    }
    this.previous = next;
    // The teacher's tracks first: they are what every classroom must receive well.
    samples.sort((a, b) => Number(b.fromId === 'teacher') - Number(a.fromId === 'teacher'));
    return samples.slice(0, MAX_QUALITY_SAMPLES);
  }
}
