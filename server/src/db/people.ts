import type { Account, AccountRole } from '@shared';
import { newId } from './ids.js';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/** Real-name accounts. Passwords are only ever stored as argon2id hashes (made in auth/passwords.ts). */

type Row = Database['account'];
export const accountView = (r: Row): Account => ({
  id: r.id,
  login: r.login,
  name: r.name,
  role: r.role as AccountRole,
  bureauId: r.bureau_id,
  schoolId: r.school_id,
  staffNumber: r.staff_number,
  phone: r.phone,
  disabled: r.disabled_at !== null,
  sso: r.sso_subject !== null,
});

export interface NewPerson {
  login: string;
  name: string;
  role: AccountRole;
  bureauId: string;
  schoolId: string | null;
  staffNumber?: string | null;
  phone?: string | null;
  passwordHash: string;
  /** A one-time password: it must be changed at the first sign-in. */
  mustChangePassword: boolean;
  demo?: boolean;
}

export async function createAccount(db: Db, person: NewPerson): Promise<Account> {
  const row: Row = {
    id: newId('acc'),
    login: person.login.toLowerCase(),
    name: person.name,
    role: person.role,
    bureau_id: person.bureauId,
    school_id: person.schoolId,
    staff_number: person.staffNumber ?? null,
    phone: person.phone ?? null,
    password_hash: person.passwordHash,
    must_change_password: person.mustChangePassword ? 1 : 0,
    disabled_at: null,
    sso_subject: null,
    created_at: Date.now(),
    demo: person.demo ? 1 : 0,
  };
  await db.insertInto('account').values(row).execute();
  return accountView(row);
}

export const accountRow = (db: Db, id: string) => db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
export const accountByLogin = (db: Db, login: string) => db.selectFrom('account').selectAll().where('login', '=', login.toLowerCase()).executeTakeFirst();

export async function accounts(db: Db, bureauId: string, schoolId?: string): Promise<Account[]> {
  let query = db.selectFrom('account').selectAll().where('bureau_id', '=', bureauId);
  if (schoolId) query = query.where('school_id', '=', schoolId);
  return (await query.orderBy('name').execute()).map(accountView);
}

export async function setPasswordHash(db: Db, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
  await db.updateTable('account').set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0 }).where('id', '=', id).execute();
}

export async function disableAccount(db: Db, id: string): Promise<void> {
  await db.updateTable('account').set({ disabled_at: Date.now() }).where('id', '=', id).where('disabled_at', 'is', null).execute();
}

/** The account of a single sign-on subject, created or updated from what the platform says (school and role follow the platform). */
export async function upsertSsoAccount(
  db: Db,
  identity: { bureauId: string; subject: string; name: string; schoolId: string; role: AccountRole; staffNumber: string | null; phone: string | null },
): Promise<Row> {
  const subject = `${identity.bureauId}:${identity.subject}`;
  const existing = await db.selectFrom('account').selectAll().where('sso_subject', '=', subject).executeTakeFirst();
  if (existing) {
    await db.updateTable('account')
      .set({ name: identity.name, school_id: identity.schoolId, role: identity.role, staff_number: identity.staffNumber, phone: identity.phone })
      .where('id', '=', existing.id)
      .execute();
    return (await accountRow(db, existing.id))!;
  }
  const row: Row = {
    id: newId('acc'),
    login: `sso-${newId('u').slice(2).toLowerCase()}`,
    name: identity.name,
    role: identity.role,
    bureau_id: identity.bureauId,
    school_id: identity.schoolId,
    staff_number: identity.staffNumber,
    phone: identity.phone,
    password_hash: null,
    must_change_password: 0,
    disabled_at: null,
    sso_subject: subject,
    created_at: Date.now(),
    demo: 0,
  };
  await db.insertInto('account').values(row).execute();
  return row;
}
