import type { Health } from '../server/src/http/health.js';
import { runServer } from './adminApi.js';
import { serverFetch } from './trustedFetch.js';

/** GET /healthz: workers, Redis, the media objects counted from the workers' own dumps, the server's memory. */
export async function serverHealth(target: { url: string } = runServer()): Promise<Health> {
  return (await (await serverFetch(`${target.url}/healthz`)).json()) as Health;
}

/** The media objects the workers hold (a leaked transport shows here, whatever the server's maps say). */
export async function mediaCounts(target: { url: string } = runServer()): Promise<Health['media']> {
  return (await serverHealth(target)).media;
}
