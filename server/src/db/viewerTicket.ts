import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';

/** Viewers may stay this long past a broadcast's planned end (a lesson that runs over). */
const PAST_END_MS = 2 * 3600_000;

/**
 * 观众: the guest link every viewer of a broadcast's lesson holds a session
 * of. It has no credential anyone could use (its hash is of random bytes
 * nobody keeps): sessions of it are opened only by `POST /api/auth/broadcast`
 * with the broadcast's key, while the broadcast is live. Its right `viewer`
 * limits it to watching (can.ts).
 */
export async function viewerTicket(db: Db, broadcast: { id: string; lessonId: string; endsAt: number; teacherAccountId: string }): Promise<{ id: string; expiresAt: number }> {
  const id = `gv_${broadcast.id}`;
  const expiresAt = Math.max(broadcast.endsAt, Date.now()) + PAST_END_MS;
  await db
    .insertInto('guest_link')
    .values({ id, lesson_id: broadcast.lessonId, name: '直播观众', rights: 'receive,viewer', link_hash: randomBytes(32).toString('hex'), expires_at: expiresAt, withdrawn_at: null, created_by: broadcast.teacherAccountId, created_at: Date.now() })
    .onConflict((c) => c.column('id').doUpdateSet({ expires_at: expiresAt, withdrawn_at: null }))
    .execute();
  return { id, expiresAt };
}
