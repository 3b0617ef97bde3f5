import type { Health } from '../server/src/http/health.js';
import { adminToken, runServer, type AdminTarget } from './adminApi.js';
import { serverFetch } from './trustedFetch.js';

/** GET /api/health as the first admin: workers, Redis, the media objects counted from the workers' own dumps, the server's memory. */
export async function serverHealth(target: AdminTarget = runServer()): Promise<Health> {
  const response = await serverFetch(`${target.url}/api/health`, { headers: { authorization: `Bearer ${await adminToken(target)}` } });
  const reply = (await response.json()) as { ok: boolean; data: Health };
  if (!reply.ok) throw new Error(`/api/health refused: ${JSON.stringify(reply)}`);
  return reply.data;
}

/** The media objects the workers hold (a leaked transport shows here, whatever the server's maps say). */
export async function mediaCounts(target: AdminTarget = runServer()): Promise<Health['media']> {
  return (await serverHealth(target)).media;
}
