import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A new random secret: 256 bits, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** What is stored for a secret: its SHA-256. A secret is 256 random bits, so a fast hash is enough (no dictionary to try). */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

/** Compares a secret with its stored hash in constant time. */
export function matchesHash(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The key that signs access tokens and links: `AUTH_SECRET` when set (several
 * servers must share it), else one created on first start in
 * `DATA_DIR/auth-secret` (readable by the server's user only). Replacing it
 * signs everyone out and voids every terminal and guest link.
 */
export function signingKey(dataDir: string, configured: string | null): Uint8Array {
  if (configured) return new TextEncoder().encode(configured);
  const file = join(dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, newSecret(), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}
