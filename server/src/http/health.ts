import type { Redis } from 'ioredis';
import type { WorkerPool } from '../media/workerPool.js';

/** What `GET /healthz` reports: workers, Redis, and media objects counted from the workers' own dumps; 503 unless Redis is up and a worker runs. */
export interface Health {
  ok: boolean;
  redis: 'up' | 'down';
  workers: ReturnType<WorkerPool['describe']>;
  media: { routers: number; transports: number; producers: number; consumers: number };
  /** This process's memory in MiB (the workers are separate processes), for an IT person watching a long day. */
  memory: { rssMb: number; heapUsedMb: number };
}

/** The part of mediasoup 3.12's `router.dump` we count. */
interface RouterDump {
  transportIds: string[];
  mapProducerIdConsumerIds: Record<string, string[]>;
  mapConsumerIdProducerId: Record<string, string>;
}

export async function checkHealth(pool: WorkerPool, redis: Redis): Promise<Health> {
  const redisUp = await Promise.race([
    redis.ping().then(() => true, () => false),
    new Promise<boolean>((r) => setTimeout(() => r(false), 1000).unref()),
  ]);
  const media = { routers: 0, transports: 0, producers: 0, consumers: 0 };
  for (const router of pool.routers()) {
    // The worker's own view, not our maps: a leaked transport shows up here.
    const dump = (await router.dump().catch(() => null)) as RouterDump | null;
    if (!dump) continue;
    media.routers++;
    media.transports += dump.transportIds.length;
    media.producers += Object.keys(dump.mapProducerIdConsumerIds).length;
    media.consumers += Object.keys(dump.mapConsumerIdProducerId).length;
  }
  const workers = pool.describe();
  const { rss, heapUsed } = process.memoryUsage();
  const memory = { rssMb: Math.round(rss / 1048576), heapUsedMb: Math.round((heapUsed / 1048576) * 10) / 10 };
  // No worker alive means no lesson can send media: as unhealthy as a Redis that is down.
  return { ok: redisUp && workers.some((w) => w.alive), redis: redisUp ? 'up' : 'down', workers, media, memory };
}
