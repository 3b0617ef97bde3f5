import express from 'express';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { adminToken } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { apiRoutes } from '../src/http/apiRoutes.js';
import { mountHttp } from '../src/http/httpApp.js';
import { openApiPath } from '../src/http/openapi/document.js';
import type { Services } from '../src/features/context.js';

/*
 * Test 4 of the bureau issue: the OpenAPI document the server serves
 * validates against the OpenAPI 3.1 schema, and every route of the server —
 * the route table and whatever else the app mounts, listed from the very
 * Express app the server runs — is in it, and nothing more. A route added
 * without documentation fails here.
 */

type Route = { path: string; methods: string[] | undefined; router: { listRoutes(): Route[] } | undefined };

/** Every `METHOD path` of an Express app, mounted routers walked (HEAD, which Express adds for GET, left out). */
function routesOf(list: Route[], prefix = ''): string[] {
  return list.flatMap((route) => {
    const path = `${prefix}${String(route.path)}`.replace(/\/$/, '') || '/';
    if (route.router) return routesOf(route.router.listRoutes(), path === '/' ? '' : path);
    return (route.methods ?? []).filter((m) => m !== 'HEAD').map((m) => `${m} ${openApiPath(path).path}`);
  });
}

/** The app as the server mounts it, with services that are never called (nothing here answers a request). */
async function serverRoutes(): Promise<string[]> {
  const app = express();
  const services = { config: { publicUrl: 'http://127.0.0.1:1', auth: { ssoAllowHttp: false }, testClock: false, metrics: { enabled: false, allow: [], token: null } }, accounts: { audit: {}, ipRules: {}, sessions: {} }, logger: console } as unknown as Services;
  await mountHttp(app, { services, signingKey: new Uint8Array(32), origins: new Set(), healthy: async () => true, clientDist: null });
  return routesOf((app.router as unknown as { listRoutes(): Route[] }).listRoutes());
}

const documentSchema = z.object({ openapi: z.string(), paths: z.record(z.string(), z.record(z.string(), z.object({ summary: z.string().min(1), tags: z.array(z.string()).min(1) }))) });

describe('the OpenAPI document (/api/openapi.json)', () => {
  let server: ServerProcess;
  let document: z.infer<typeof documentSchema> & Record<string, unknown>;

  beforeAll(async () => {
    server = await startServer();
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as typeof document;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('validates as OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors ?? []).slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it("holds every route of the server's app, and nothing it does not serve", async () => {
    const parsed = documentSchema.parse(document);
    const documented = Object.entries(parsed.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const served = await serverRoutes();
    // The route table is all there (the listing sees it through the mounted router) …
    expect(served).toEqual(expect.arrayContaining(apiRoutes.filter((r) => !r.mountedIf).map((r) => `${r.method.toUpperCase()} /api${openApiPath(r.path).path}`)));
    expect(served.length).toBeGreaterThan(apiRoutes.length);
    // … and the document and the app agree, both ways.
    expect(served.filter((r) => !documented.includes(r)), 'routes the document leaves out').toEqual([]);
    expect(documented.filter((r) => !served.includes(r)), 'documented routes the server does not have').toEqual([]);
  });

  it('describes each route by the schemas its code uses, and its answers are what it says', async () => {
    const route = apiRoutes.find((r) => r.method === 'post' && r.path === '/schools')!;
    const operation = (document['paths'] as unknown as Record<string, Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>>)['/api/schools']!['post']!;
    const { $schema: _dialect, ...body } = z.toJSONSchema(route.body!, { io: 'input' });
    expect(operation.requestBody.content['application/json']!.schema).toEqual(body);
    // Every list of the admin's without a path parameter answers what its schema says.
    const token = await adminToken(server);
    const lists = apiRoutes.filter((r) => r.method === 'get' && !r.path.includes(':') && r.response && r.action !== 'signedIn');
    expect(lists.length).toBeGreaterThan(8);
    for (const list of lists) {
      const reply = (await (await fetch(`${server.url}/api${list.path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { ok: boolean; data: unknown };
      expect(reply.ok, list.path).toBe(true);
      const checked = list.response!.safeParse(reply.data);
      expect(checked.success, `${list.path}: ${checked.error?.message}`).toBe(true);
    }
  });

  it('is a page to read at /api/docs, by area, with nothing loaded from elsewhere', async () => {
    const response = await fetch(`${server.url}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    for (const tag of ['auth', 'organisation', 'lessons', 'timetable', 'recordings', 'reports', 'webhooks']) expect(page).toContain(`id="tag-${tag}"`);
    for (const path of Object.keys(document['paths'] as object)) expect(page, path).toContain(`<code>${path}</code>`);
    expect(page).not.toMatch(/<script|https?:\/\/(?!json-schema\.org)/);
    expect((await fetch(`${server.url}/api/docs.css`)).status).toBe(200);
  });
});
