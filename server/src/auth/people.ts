import type { Account } from '@shared';
import type { Db } from '../db/database.js';
import { createAccount, setPasswordHash, type NewPerson } from '../db/people.js';
import { hashPassword, newInitialPassword } from './passwords.js';

/**
 * Creates a person's account. Without a password given (demo, automated
 * installs) a one-time password is made, to hand over once and to be
 * changed at the first sign-in.
 */
export async function enrolPerson(
  db: Db,
  person: Omit<NewPerson, 'passwordHash' | 'mustChangePassword'> & { password?: string },
): Promise<{ account: Account; initialPassword: string }> {
  const { password, ...rest } = person;
  const initialPassword = password ?? newInitialPassword();
  const account = await createAccount(db, { ...rest, passwordHash: await hashPassword(initialPassword), mustChangePassword: password === undefined });
  return { account, initialPassword };
}

/** Sets a password (hashed); a one-time one must be changed at the next sign-in. */
export async function setPassword(db: Db, accountId: string, password: string, oneTime: boolean): Promise<void> {
  await setPasswordHash(db, accountId, await hashPassword(password), oneTime);
}
