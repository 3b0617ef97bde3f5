import type { GuestLink } from '@shared';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/** Guest links of one lesson: receive-only unless granted more, expiring at the lesson's end, withdrawable. */

type Row = Database['guest_link'];
const view = (r: Row): GuestLink => ({
  id: r.id,
  lessonId: r.lesson_id,
  name: r.name,
  rights: ['receive', ...r.rights.split(',').filter((x) => x && x !== 'receive')] as GuestLink['rights'],
  expiresAt: r.expires_at,
  withdrawnAt: r.withdrawn_at,
});

export const guestLinkRow = (db: Db, id: string) => db.selectFrom('guest_link').selectAll().where('id', '=', id).executeTakeFirst();

export async function guestLinks(db: Db, lessonId: string): Promise<GuestLink[]> {
  // A broadcast's viewers' ticket is no guest link of the teacher's (see viewerTicket.ts).
  return (await db.selectFrom('guest_link').selectAll().where('lesson_id', '=', lessonId).where('rights', 'not like', '%viewer%').orderBy('created_at', 'desc').execute()).map(view);
}

/** Records a guest link: its id is in its credential, of which only the hash is kept. */
export async function createGuestLink(
  db: Db,
  link: { id: string; lessonId: string; name: string; rights: readonly string[]; expiresAt: number; createdBy: string; linkHash: string },
): Promise<GuestLink> {
  const row: Row = {
    id: link.id,
    lesson_id: link.lessonId,
    name: link.name,
    rights: [...new Set(['receive', ...link.rights])].join(','),
    link_hash: link.linkHash,
    expires_at: link.expiresAt,
    withdrawn_at: null,
    created_by: link.createdBy,
    created_at: Date.now(),
  };
  await db.insertInto('guest_link').values(row).execute();
  return view(row);
}

export async function withdrawGuestLink(db: Db, id: string): Promise<GuestLink | null> {
  await db.updateTable('guest_link').set({ withdrawn_at: Date.now() }).where('id', '=', id).where('withdrawn_at', 'is', null).execute();
  const row = await guestLinkRow(db, id);
  return row ? view(row) : null;
}
