import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiKeySchema, classroomSchema, issuedApiKeySchema, lessonSummarySchema, readOnlyActions, schoolSchema, signedInSchema } from '@shared';
import { AdminApiError, adminToken, apiCall, createPerson, signIn } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { storedRows } from '../../testkit/storedRows.js';
import { hashSecret } from '../src/auth/secrets.js';

/*
 * 开放接口: an API key of a school or a bureau does only what its scopes
 * allow, within its school or bureau; its secret is shown once, never
 * answered again and stored only as a hash; a revoked key is refused,
 * saying so.
 */

describe('API keys', () => {
  let server: ServerProcess;
  let admin: string;
  /** Calls the API with a key; the status and the reply. */
  const withKey = async (key: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, reply: (await response.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } } };
  };
  const refusal = (call: Promise<unknown>) => call.then(() => null, (error: unknown) => error as AdminApiError);

  beforeAll(async () => {
    server = await startServer();
    admin = await adminToken(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("a school's key reads what its scopes name, in its school only, and nothing else", async () => {
    const { apiKey, secret } = await apiCall(server.url, '/api-keys', issuedApiKeySchema, { token: admin, body: { name: '资源平台', schoolId: 'chengguan', scopes: ['classroom.read', 'lesson.read'] } });
    expect(secret).toMatch(/^tt_/);
    expect(apiKey).toMatchObject({ schoolId: 'chengguan', scopes: ['classroom.read', 'lesson.read'], revokedAt: null });

    const rooms = z.array(classroomSchema).parse((await withKey(secret, '/classrooms')).reply.data);
    expect(rooms.length).toBeGreaterThan(0);
    expect(rooms.every((r) => r.schoolId === 'chengguan')).toBe(true);
    const lessons = await withKey(secret, '/lessons');
    expect(lessons.status).toBe(200);
    z.array(lessonSummarySchema).parse(lessons.reply.data);

    // Outside its scopes: refused, and the answer says it is the key's scopes.
    const create = await withKey(secret, '/classrooms', { schoolId: 'chengguan', name: '不该有的教室' });
    expect(create.status).toBe(403);
    expect(create.reply.error?.message).toContain("API key's scopes");
    expect((await withKey(secret, '/accounts')).status).toBe(403);
    // In its scopes but another school's: nothing of it, as for the school's admin.
    expect((await withKey(secret, '/classrooms?schoolId=shanping')).reply.data).toEqual([]);
    // A key is no session: it cannot sign out or change a password.
    expect((await withKey(secret, '/auth/logout', {})).status).toBe(403);
    // It is audited under its name.
    const audit = await apiCall(server.url, '/audit?action=%2Fclassrooms', z.array(z.object({ actorName: z.string().nullable() })), { token: admin });
    expect(audit.some((e) => e.actorName === 'API key 资源平台')).toBe(true);
  });

  it("a bureau's read-only key reads the whole bureau and writes nothing", async () => {
    const { secret } = await apiCall(server.url, '/api-keys', issuedApiKeySchema, { token: admin, body: { name: '区平台只读', scopes: readOnlyActions('bureau') } });
    const schools = z.array(schoolSchema).parse((await withKey(secret, '/schools')).reply.data);
    expect(schools.map((s) => s.id)).toEqual(expect.arrayContaining(['chengguan', 'shanping', 'hewan']));
    expect((await withKey(secret, '/schools', { name: '新校', kind: 'receiving' })).status).toBe(403);
    expect((await withKey(secret, '/api-keys')).status).toBe(403);
  });

  it('is refused scopes its owner could not have, and a school admin makes keys for her school only', async () => {
    expect((await refusal(apiCall(server.url, '/api-keys', issuedApiKeySchema, { token: admin, body: { name: 'x', schoolId: 'chengguan', scopes: ['school.create'] } })))?.status).toBe(400);
    expect((await refusal(apiCall(server.url, '/api-keys', issuedApiKeySchema, { token: admin, body: { name: 'x', scopes: ['apikey.manage'] } })))?.status).toBe(400);
    const schoolAdmin = await createPerson({ role: 'schoolAdmin', schoolId: 'shanping' }, server);
    const token = (await signIn(server.url, schoolAdmin.login, schoolAdmin.password)).accessToken;
    const own = await apiCall(server.url, '/api-keys', issuedApiKeySchema, { token, body: { name: '山坪', scopes: ['lesson.read'] } });
    expect(own.apiKey.schoolId).toBe('shanping');
    expect((await refusal(apiCall(server.url, '/api-keys', issuedApiKeySchema, { token, body: { name: 'x', schoolId: 'chengguan', scopes: ['lesson.read'] } })))?.status).toBe(403);
    const hers = await apiCall(server.url, '/api-keys', z.array(apiKeySchema), { token });
    expect(hers.every((k) => k.schoolId === 'shanping')).toBe(true);
  });

  it('shows the secret once: never in the list, and stored only as its hash', async () => {
    const { apiKey, secret } = await apiCall(server.url, '/api-keys', issuedApiKeySchema, { token: admin, body: { name: '一次', scopes: ['school.read'] } });
    const listed = await fetch(`${server.url}/api/api-keys`, { headers: { authorization: `Bearer ${admin}` } }).then((r) => r.text());
    expect(listed).toContain(apiKey.id);
    expect(listed).not.toContain(secret);
    expect(listed).not.toContain(secret.split('.')[1]!);
    const [row] = await storedRows(server, 'select * from api_key where id = ?', [apiKey.id]);
    expect(row!['secret_hash']).toBe(hashSecret(secret));
    expect(Object.values(row!).some((value) => typeof value === 'string' && value.includes(secret.split('.')[1]!))).toBe(false);
  });

  it('a revoked key is refused, saying it was revoked; a made-up one is refused too', async () => {
    const { apiKey, secret } = await apiCall(server.url, '/api-keys', issuedApiKeySchema, { token: admin, body: { name: '将撤销', scopes: ['school.read'] } });
    expect((await withKey(secret, '/schools')).status).toBe(200);
    const revoked = await apiCall(server.url, `/api-keys/${apiKey.id}/revoke`, apiKeySchema, { token: admin, body: {} });
    expect(revoked.revokedAt).not.toBeNull();
    const after = await withKey(secret, '/schools');
    expect(after.status).toBe(401);
    expect(after.reply.error?.message).toContain('revoked');
    const forged = await withKey(`${secret.split('.')[0]}.${'A'.repeat(43)}`, '/schools');
    expect(forged.status).toBe(401);
    expect(forged.reply.error?.message).not.toContain('revoked');
    // The key's list says when it was revoked.
    const keys = await apiCall(server.url, '/api-keys', z.array(apiKeySchema), { token: admin });
    expect(keys.find((k) => k.id === apiKey.id)?.revokedAt).toBe(revoked.revokedAt);
    signedInSchema.parse((await signIn(server.url, 'admin', server.adminPassword)));
  });
});
