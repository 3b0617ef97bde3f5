import { randomInt } from 'node:crypto';
import argon2 from 'argon2';

/*
 * Passwords: argon2id with OWASP's minimum for a server that hashes at
 * sign-in rate (19 MiB, 2 passes, 1 lane): about 30 ms on one core here, so a
 * burst of sign-ins at the start of a school day does not starve live media.
 */
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, options);

/** Verifies; an unknown account is checked against a dummy hash so that answering takes as long as for a real one. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash ?? (await dummyHash), password);
  } catch {
    return false;
  }
}
const dummyHash = hashPassword('no account has this password');

/** A one-time password to read aloud or copy: 14 characters without look-alikes (no 0/O, 1/l/I). */
export function newInitialPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let password = '';
  for (let i = 0; i < 14; i++) password += alphabet[randomInt(alphabet.length)];
  return password;
}
