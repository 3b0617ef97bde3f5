import { randomBytes } from 'node:crypto';

/** A new record id: a short prefix naming the kind, then 96 random bits, URL-safe (not secret: ids appear in lists and logs). */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url')}`;
