import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';

/** 直播输出 in SQL: a broadcast's HLS key and RTMP push target, made on first need. */

export interface BroadcastOutputRow {
  hlsKey: string;
  rtmpUrl: string | null;
}

/** The broadcast's outputs; its HLS key is made the first time it is asked for (128 random bits, URL-safe). */
export async function broadcastOutput(db: Db, broadcastId: string): Promise<BroadcastOutputRow> {
  const found = await db.selectFrom('broadcast_output').selectAll().where('broadcast_id', '=', broadcastId).executeTakeFirst();
  if (found) return { hlsKey: found.hls_key, rtmpUrl: found.rtmp_url };
  const row = { broadcast_id: broadcastId, hls_key: randomBytes(16).toString('base64url'), rtmp_url: null, updated_at: Date.now() };
  // Two first asks at once: one insert wins, both read it back.
  await db.insertInto('broadcast_output').values(row).onConflict((c) => c.column('broadcast_id').doNothing()).execute();
  return broadcastOutput(db, broadcastId);
}

export async function setRtmpTarget(db: Db, broadcastId: string, rtmpUrl: string | null): Promise<void> {
  await broadcastOutput(db, broadcastId);
  await db.updateTable('broadcast_output').set({ rtmp_url: rtmpUrl, updated_at: Date.now() }).where('broadcast_id', '=', broadcastId).execute();
}
