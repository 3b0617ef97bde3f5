import * as mediasoup from 'mediasoup';
import type { Router } from 'mediasoup/node/lib/Router.js';
import type { Worker } from 'mediasoup/node/lib/Worker.js';

/**
 * Above this share of one core a worker takes no more receivers while
 * another has room: mediasoup's guidance is to keep a worker under ~70 % so
 * a burst (a key-frame round, a crowd joining) does not make it drop packets.
 */
export const BUSY_CPU_SHARE = 0.7;

/** How often each worker's own CPU time is read (one getResourceUsage request per worker). */
const SAMPLE_EVERY_MS = 2000;

/**
 * What one worker carries, as placement reads it: the consumers of its
 * routers' WebRTC transports and the share of a core its process used over
 * the last sample.
 *
 * A receiver is placed when its transport is created, before it consumes
 * anything; a crowd of viewers joining at once would all see an empty worker
 * and all land on it. So a transport may say how many consumers it is about
 * to take (`appData.expectedConsumers`, the lesson's tracks when it was
 * placed), and until it has them those count in its stead.
 */
export class WorkerLoad {
  cpuShare = 0;
  private readonly byTransport = new Map<string, { expected: number; live: number }>();
  private lastCpuMs: number | null = null;
  private lastAt = 0;

  constructor(private readonly worker: Worker) {}

  /** Consumers it serves or is about to (see the class comment). */
  get consumers(): number {
    let total = 0;
    for (const { expected, live } of this.byTransport.values()) total += Math.max(expected, live);
    return total;
  }

  /** Counts the consumers of every WebRTC transport the router makes (pipes and recorders' plain transports are not receivers). */
  watch(router: Router): void {
    router.observer.on('newtransport', (transport) => {
      if (!(transport instanceof mediasoup.types.WebRtcTransport)) return;
      const expected = Number(transport.appData['expectedConsumers'] ?? 0);
      const entry = { expected: Number.isFinite(expected) ? expected : 0, live: 0 };
      this.byTransport.set(transport.id, entry);
      transport.observer.on('newconsumer', (consumer) => {
        entry.live++;
        consumer.observer.once('close', () => entry.live--);
      });
      transport.observer.once('close', () => this.byTransport.delete(transport.id));
    });
  }

  /** Reads the worker's CPU time; the share is over the time since the last read. */
  async sample(): Promise<void> {
    if (this.worker.closed) return;
    const usage = await this.worker.getResourceUsage().catch(() => null);
    if (!usage) return;
    const cpuMs = usage.ru_utime + usage.ru_stime;
    const now = Date.now();
    if (this.lastCpuMs !== null && now > this.lastAt) this.cpuShare = Math.max(0, (cpuMs - this.lastCpuMs) / (now - this.lastAt));
    this.lastCpuMs = cpuMs;
    this.lastAt = now;
  }
}

/** Samples every worker's CPU every two seconds until stopped; the timer never keeps the process alive. */
export function sampleLoads(loads: () => Iterable<WorkerLoad>): () => void {
  const timer = setInterval(() => {
    for (const load of loads()) void load.sample();
  }, SAMPLE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
