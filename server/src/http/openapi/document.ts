import { z } from 'zod';
import { ErrorCode } from '@shared';
import type { ApiRoute } from '../apiRoute.js';
import type { Config } from '../../config.js';
import { apiAreas, type ApiArea } from '../apiRoutes.js';
import { otherOperations, type Operation } from './otherOperations.js';

/*
 * The OpenAPI 3.1 document of the server, made from the routes themselves:
 * each route's body, query and answer are the zod schemas its code parses
 * with, turned into JSON Schema (2020-12, OpenAPI 3.1's dialect) by zod.
 * What is mounted outside the route table (health, single sign-on, media,
 * this document) is described in otherOperations.ts.
 */

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

/** A zod schema as JSON Schema, inline (no `$schema`: it sits inside the document). */
function jsonSchema(schema: z.ZodType, io: Io): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `/lessons/:id/report.csv` → `/lessons/{id}/report.csv`, and the names of its path parameters. */
export function openApiPath(expressPath: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = expressPath.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => (params.push(name), `{${name}}`));
  return { path, params };
}

const errorReply = { $ref: '#/components/schemas/ErrorReply' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorReply } } });

/** The answer of a JSON route: `{ ok: true, data }` with its schema, or an untyped object. */
function okReply(route: ApiRoute): JsonSchema {
  const data = route.response ? jsonSchema(route.response, 'output') : { type: 'object', description: 'untyped' };
  return { type: 'object', required: ['ok', 'data'], properties: { ok: { const: true }, data } };
}

function queryParameters(schema: z.ZodType | undefined): JsonSchema[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: property }));
}

/** Who may call a route: nobody signed in (public), any session, or a session or API key with the route's action. */
function securityOf(route: ApiRoute): Array<Record<string, string[]>> {
  if (route.action === 'public') return [];
  if (route.action === 'signedIn') return [{ session: [] }];
  return [{ session: [] }, { apiKey: [route.action] }];
}

function operationOf(route: ApiRoute, tag: string): Record<string, unknown> {
  const { params } = openApiPath(route.path);
  const parameters = [...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })), ...queryParameters(route.query)];
  const content = route.produces ? { [route.produces]: { schema: { type: 'string' } } } : { 'application/json': { schema: okReply(route) } };
  return {
    tags: [tag],
    summary: route.summary,
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(route.action === 'public' || route.action === 'signedIn' ? {} : { description: `Permission: \`${route.action}\` (shared/src/permissions.ts).`, 'x-action': route.action }),
    security: securityOf(route),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
    responses: {
      200: { description: 'done', content },
      400: errorResponse('the body or query is not valid, or the request cannot be done'),
      ...(route.action === 'public' ? {} : { 401: errorResponse('no valid session or API key (an API key that was revoked says so)'), 403: errorResponse('not allowed: the action, its scope, or the key\'s scopes') }),
      404: errorResponse('no such thing (for this caller)'),
    },
  };
}

/** The document, as served at `/api/openapi.json`: the routes this server mounts under `config` (a test-only route only where it exists). */
export function openApiDocument(config: Pick<Config, 'testClock'>, areas: readonly ApiArea[] = apiAreas, others: readonly Operation[] = otherOperations): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const add = (path: string, method: string, operation: unknown) => void ((paths[path] ??= {})[method] = operation);
  for (const area of areas) {
    for (const route of area.routes.filter((r) => r.mountedIf?.(config as Config) ?? true)) add(`/api${openApiPath(route.path).path}`, route.method, operationOf(route, area.tag));
  }
  for (const other of others) add(openApiPath(other.path).path, other.method, other.operation);
  const otherTags = [...new Set(others.flatMap((o) => (o.operation.tags as string[] | undefined) ?? []))].filter((t) => !areas.some((a) => a.tag === t));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tongtang (同堂) API',
      version: '1',
      description:
        'Every answer is `{ ok: true, data }` or `{ ok: false, error: { code, message } }`. Sign in at `POST /api/auth/login` for a session token, or use an API key of a school or bureau (`Authorization: Bearer tt_…`), limited to its scopes.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags: [...areas.map((a) => ({ name: a.tag, description: a.description })), ...otherTags.map((name) => ({ name }))],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token of a session (`accessToken` of `POST /api/auth/login`), short-lived; `POST /api/auth/session` renews it from the session cookie.' },
        apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'tt_…', description: 'An API key of a school or bureau, created by its admin and shown once; it may do only the actions of its scopes, within its school or bureau.' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'tongtang_session', description: 'The session cookie (HttpOnly, path /api/auth).' },
      },
      schemas: {
        ErrorReply: {
          type: 'object',
          required: ['ok', 'error'],
          properties: {
            ok: { const: false },
            error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', enum: Object.values(ErrorCode) }, message: { type: 'string' } } },
          },
        },
      },
    },
  };
}
