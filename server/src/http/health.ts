import type { RosterEntry, ServerRoster } from '../redis/serverRoster.js';
import type { Redis } from 'ioredis';
import { countMedia, type MediaCounts } from '../media/mediaCounts.js';
import type { WorkerPool } from '../media/workerPool.js';

/** What `GET /api/health` reports to admins: workers, Redis, and media objects counted from the workers' own dumps; ok only if Redis is up and a worker runs. */
export interface Health {
  ok: boolean;
  redis: 'up' | 'down';
  workers: ReturnType<WorkerPool['describe']>;
  media: MediaCounts;
  /** This process's memory in MiB (the workers are separate processes), for an IT person watching a long day. */
  memory: { rssMb: number; heapUsedMb: number };
  /** This server's id and the servers sharing its Redis (itself included), as its roster last read them. */
  servers: { self: string; alive: RosterEntry[] };
}

/** Redis answers a ping within 1 s. */
function redisAnswers(redis: Redis): Promise<boolean> {
  return Promise.race([
    redis.ping().then(() => true, () => false),
    new Promise<boolean>((r) => setTimeout(() => r(false), 1000).unref()),
  ]);
}

// No worker alive means no lesson can send media: as unhealthy as a Redis that is down.
const healthy = (redisUp: boolean, workers: Health['workers']): boolean => redisUp && workers.some((w) => w.alive);

/**
 * Health's `ok` alone, for the public `GET /healthz`: a monitor polls it
 * often, so it asks no worker for its routers' dumps.
 */
export async function isHealthy(pool: WorkerPool, redis: Redis): Promise<boolean> {
  return healthy(await redisAnswers(redis), pool.describe());
}

/** The whole report, for the admins' `GET /api/health`. */
export async function checkHealth(pool: WorkerPool, redis: Redis, roster: ServerRoster): Promise<Health> {
  const redisUp = await redisAnswers(redis);
  const media = await countMedia(pool.routers());
  const workers = pool.describe();
  const { rss, heapUsed } = process.memoryUsage();
  const memory = { rssMb: Math.round(rss / 1048576), heapUsedMb: Math.round((heapUsed / 1048576) * 10) / 10 };
  const servers = { self: roster.serverId, alive: roster.servers() };
  return { ok: healthy(redisUp, workers), redis: redisUp ? 'up' : 'down', workers, media, memory, servers };
}
