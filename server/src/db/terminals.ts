import type { Terminal } from '@shared';
import { newId } from './ids.js';
import type { Db } from './database.js';

/** Classroom terminals: devices, not people. A terminal's link credential is stored hashed; a new link replaces the old. */

const query = (db: Db) =>
  db
    .selectFrom('terminal')
    .innerJoin('classroom', 'classroom.id', 'terminal.classroom_id')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(['terminal.id', 'terminal.classroom_id', 'classroom.name as classroom_name', 'school.id as school_id', 'school.bureau_id', 'terminal.name',
      'terminal.created_at', 'terminal.link_expires_at', 'terminal.revoked_at', 'terminal.last_seen_at', 'terminal.link_hash']);

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;
const view = (r: Row): Terminal => ({
  id: r.id,
  classroomId: r.classroom_id,
  classroomName: r.classroom_name,
  schoolId: r.school_id,
  name: r.name,
  createdAt: r.created_at,
  linkExpiresAt: r.link_expires_at,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
});

export async function terminal(db: Db, id: string): Promise<(Terminal & { bureauId: string; linkHash: string | null }) | null> {
  const r = await query(db).where('terminal.id', '=', id).executeTakeFirst();
  return r ? { ...view(r), bureauId: r.bureau_id, linkHash: r.link_hash } : null;
}

export async function terminals(db: Db, schoolIds: readonly string[]): Promise<Terminal[]> {
  if (schoolIds.length === 0) return [];
  return (await query(db).where('school.id', 'in', [...schoolIds]).orderBy('classroom.name').execute()).map(view);
}

export async function createTerminal(db: Db, classroomId: string, name: string, id = newId('term')): Promise<string> {
  await db.insertInto('terminal').values({ id, classroom_id: classroomId, name, link_hash: null, link_expires_at: null, created_at: Date.now(), revoked_at: null, last_seen_at: null }).execute();
  return id;
}

/** Records a newly issued link (its credential's hash); the previous link stops working. */
export async function setTerminalLink(db: Db, id: string, linkHash: string, expiresAt: number): Promise<void> {
  await db.updateTable('terminal').set({ link_hash: linkHash, link_expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function revokeTerminal(db: Db, id: string): Promise<void> {
  await db.updateTable('terminal').set({ revoked_at: Date.now(), link_hash: null }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
