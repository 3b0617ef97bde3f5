import { nextBroadcastState } from '@shared';
import type { AuditLog } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { Db } from '../../db/database.js';
import { broadcast, moveBroadcast } from '../../db/broadcasts.js';
import type { Webhooks } from '../webhooks/Webhooks.js';

/**
 * The teacher's own 下课 in the lesson page ends the live broadcast it runs
 * (as 结束直播 would), so the public list never shows as live a broadcast
 * whose lesson is over. The step goes through the one table as the applicant,
 * and is audited and pushed like the button's.
 */
export async function followLessonEnd(parts: { db: Db; webhooks: Webhooks; audit: AuditLog }, lessonId: string, teacher: Principal, address: string): Promise<void> {
  const row = await parts.db.selectFrom('broadcast').select('id').where('lesson_id', '=', lessonId).where('state', '=', 'live').executeTakeFirst();
  if (!row) return;
  const found = await broadcast(parts.db, row.id);
  if (!found) return;
  const next = nextBroadcastState(found.state, 'end', 'applicant');
  if (!next.ok || !(await moveBroadcast(parts.db, found.id, found.state, next.state))) return;
  parts.audit.record({ actor: teacher, action: 'broadcast.end', target: found.id, outcome: 'ok', address, detail: `${found.title}: live → ended (下课 in the lesson)` });
  await parts.webhooks.broadcastChanged('broadcast.ended', (await broadcast(parts.db, found.id))!);
}
