import { z } from 'zod';
import { idSchema } from './lesson.js';
import { permissions, scopeOf, type Action } from './permissions.js';

/*
 * API keys (开放接口): a school's or a bureau's key for another system. It
 * acts as an admin of its school or bureau, but only for the actions of its
 * scopes (a subset of the permission table); its secret is shown once and
 * stored hashed; a revoked key is refused.
 */

/** Whose key it is: a bureau's (every school of it) or one school's. */
export type ApiKeyOwner = 'bureau' | 'school';

/** The role a key acts in, by its owner. */
export const apiKeyRole = { bureau: 'bureauAdmin', school: 'schoolAdmin' } as const satisfies Record<ApiKeyOwner, string>;

/** Never a key's: making keys, and joining a lesson (a key calls REST routes, it opens no lesson). */
const neverForKeys: readonly Action[] = ['apikey.manage', 'lesson.teach', 'lesson.joinAsClassroom', 'lesson.observe'];

const actionNames = Object.keys(permissions) as [Action, ...Action[]];

/** The actions a key of this owner may be given: those its role has in the table. */
export const apiKeyActions = (owner: ApiKeyOwner): Action[] => actionNames.filter((a) => scopeOf(a, apiKeyRole[owner]) !== null && !neverForKeys.includes(a));

/** The read-only ones (a sensible first key for a resource platform). */
export const readOnlyActions = (owner: ApiKeyOwner): Action[] => apiKeyActions(owner).filter((a) => /\.(read|view|inspect)$/.test(a));

/** The start of every key, so a leaked one is easy to recognise (and to scan for). */
export const API_KEY_PREFIX = 'tt_';

export const newApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** A school's key; absent or null (a bureau admin only): the bureau's. A school admin's key is always her school's. */
    schoolId: idSchema.nullable().optional(),
    scopes: z.array(z.enum(actionNames)).min(1).max(actionNames.length),
  })
  .strict();
export type NewApiKey = z.infer<typeof newApiKeySchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  bureauId: z.string(),
  schoolId: z.string().nullable(),
  scopes: z.array(z.enum(actionNames)),
  /** The key's first characters, to tell keys apart (the rest is never shown again). */
  hint: z.string(),
  createdByName: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** What creating a key answers: the key, and its secret, this once. */
export const issuedApiKeySchema = z.object({ apiKey: apiKeySchema, secret: z.string() });
export type IssuedApiKey = z.infer<typeof issuedApiKeySchema>;
