import { API_KEY_PREFIX, apiKeyRole, ErrorCode, LessonError, type Action, type ApiKey, type IssuedApiKey } from '@shared';
import type { Db } from '../db/database.js';
import { newId } from '../db/ids.js';
import type { Database } from '../db/schema.js';
import type { Principal } from './principal.js';
import { hashSecret, matchesHash, newSecret } from './secrets.js';

/*
 * 开放接口: API keys of a bureau or a school. A key reads `tt_<id>.<secret>`;
 * only the secret's hash is stored, so the key is shown once, when created.
 * It authenticates as an admin of its school or bureau limited to its scopes.
 */

type ApiKeyRow = Database['api_key'];

/** Whether a bearer token is an API key (rather than a session's access token). */
export const isApiKey = (token: string): boolean => token.startsWith(API_KEY_PREFIX);

const view = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  bureauId: row.bureau_id,
  schoolId: row.school_id,
  scopes: row.scopes.split(',').filter(Boolean) as Action[],
  hint: row.hint,
  createdByName: row.created_by_name,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/** Creates a key; its secret is in the answer and nowhere else. */
export async function issueApiKey(
  db: Db,
  key: { bureauId: string; schoolId: string | null; name: string; scopes: readonly Action[]; createdBy: { id: string; name: string } },
): Promise<IssuedApiKey> {
  const id = newId('key');
  const secret = `${API_KEY_PREFIX}${id}.${newSecret()}`;
  const row: ApiKeyRow = {
    id,
    bureau_id: key.bureauId,
    school_id: key.schoolId,
    name: key.name,
    scopes: [...new Set(key.scopes)].join(','),
    hint: `${secret.slice(0, API_KEY_PREFIX.length + 8)}…`,
    secret_hash: hashSecret(secret),
    created_by: key.createdBy.id,
    created_by_name: key.createdBy.name,
    created_at: Date.now(),
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_key').values(row).execute();
  return { apiKey: view(row), secret };
}

/** A bureau's keys, or one school's, newest first (revoked ones too: the list says when). */
export async function apiKeysOf(db: Db, filter: { bureauId: string; schoolId?: string }): Promise<ApiKey[]> {
  let query = db.selectFrom('api_key').selectAll().where('bureau_id', '=', filter.bureauId);
  if (filter.schoolId) query = query.where('school_id', '=', filter.schoolId);
  return (await query.orderBy('created_at', 'desc').execute()).map(view);
}

export async function apiKeyRow(db: Db, id: string): Promise<ApiKey | null> {
  const row = await db.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? view(row) : null;
}

export async function revokeApiKey(db: Db, id: string, at: number): Promise<ApiKey | null> {
  await db.updateTable('api_key').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  return apiKeyRow(db, id);
}

/** The principal of an API key: an admin of its school or bureau with only its scopes. A revoked or unknown key is refused, saying which. */
export async function apiKeyPrincipal(db: Db, token: string): Promise<Principal> {
  const id = token.slice(API_KEY_PREFIX.length).split('.')[0] ?? '';
  const row = id.length <= 64 ? await db.selectFrom('api_key').leftJoin('school', 'school.id', 'api_key.school_id').selectAll('api_key').select('school.name as school_name').where('api_key.id', '=', id).executeTakeFirst() : undefined;
  if (!row || !matchesHash(token, row.secret_hash)) throw new LessonError(ErrorCode.Unauthorized, 'this API key is not valid');
  if (row.revoked_at !== null) throw new LessonError(ErrorCode.Unauthorized, 'this API key has been revoked');
  const now = Date.now();
  // Written at most once a minute: a busy key does not write on every call.
  if ((row.last_used_at ?? 0) < now - 60_000) await db.updateTable('api_key').set({ last_used_at: now }).where('id', '=', row.id).execute();
  return {
    kind: 'apiKey',
    id: row.id,
    role: apiKeyRole[row.school_id ? 'school' : 'bureau'],
    name: `API key ${row.name}`,
    bureauId: row.bureau_id,
    schoolId: row.school_id,
    schoolName: row.school_name ?? null,
    classroomId: null,
    lessonId: null,
    rights: [],
    mustChangePassword: false,
    scopes: view(row).scopes,
    sessionId: row.id,
  };
}
