import { send } from '../lesson/connection';
import { estimateClockOffset, type ClockOffset, type ClockSample } from './clockOffset';
import { localNow } from './localClock';

/** Round trips per estimate: enough that one of them passes a busy event loop unqueued. */
const ROUNDS = 12;

/** Estimates how far the server's clock is from this page's, over the signalling connection. */
export async function syncClock(): Promise<ClockOffset> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const sentAt = localNow();
    const { serverTime } = await send({ type: 'clockSync' });
    samples.push({ sentAt, serverTime, receivedAt: localNow() });
  }
  const estimate = estimateClockOffset(samples);
  if (!estimate) throw new Error('no clock sample');
  return estimate;
}
