import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { ErrorCode, LessonError, type Action } from '@shared';
import { apiKeyPrincipal, isApiKey } from '../auth/apiKeys.js';
import { mayAtAll } from '../auth/can.js';
import type { Principal } from '../auth/principal.js';
import type { Config } from '../config.js';
import type { Services } from '../features/context.js';

/** One route of the API: its action in the permission table is checked before anything else. */
export interface ApiRoute {
  method: 'get' | 'post';
  /** Express path under /api. */
  path: string;
  /**
   * The permission-table action it needs (`shared/src/permissions.ts`); `signedIn` for what any session may
   * do to itself (sign out, change its password); `public` for sign-in itself.
   */
  action: Action | 'signedIn' | 'public';
  /** One line for the OpenAPI document (`/api/openapi.json`): what the route does. */
  summary: string;
  body?: z.ZodType;
  /** Mounted only where this says so (a test-only route): elsewhere it does not exist (404). */
  mountedIf?: (config: Config) => boolean;
  /** The query string it reads (documentation only: a route that reads one parses it itself). */
  query?: z.ZodType;
  /** What it answers inside `{ ok: true, data }`; none: an object the document leaves untyped. */
  response?: z.ZodType;
  /** A route that answers a file or a stream instead of JSON: its content type. */
  produces?: 'text/csv' | 'text/event-stream' | 'application/octet-stream';
  run(call: ApiCall): Promise<unknown>;
}

/** The answer of a route that answers nothing: `{}`. */
export const answersNothing = z.object({}).strict();

/** What a route's code gets: who asks (never null past the checks, except on public routes), from where, and what. */
export interface ApiCall {
  principal: Principal;
  address: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  req: Request;
  res: Response;
  services: Services;
}

const statusOf: Partial<Record<string, number>> = {
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.PasswordChangeRequired]: 403,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.AddressRefused]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.Unavailable]: 503,
};

/** A route needs no session only if public; a session that must change its password may only do that (or sign out). */
const forPasswordChange = new Set(['/auth/password', '/auth/session', '/auth/logout']);

export function bearer(req: Request): string | null {
  const header = req.get('authorization');
  return header?.startsWith('Bearer ') ? header.slice(7).trim() || null : null;
}

/** Mounts routes: bearer token (a session's, or an API key) → principal → permission → body schema → the route's code, with one error boundary. */
export function mountRoutes(routes: readonly ApiRoute[], services: Services): Router {
  const router = express.Router();
  router.use(express.json({ limit: '64kb' }));
  for (const route of routes) {
    if (route.mountedIf && !route.mountedIf(services.config)) continue;
    router[route.method](route.path, async (req: Request, res: Response) => {
      const address = req.ip ?? req.socket.remoteAddress ?? '';
      let principal: Principal | null = null;
      try {
        if (route.action !== 'public') {
          const token = bearer(req);
          principal = !token ? null : isApiKey(token) ? await apiKeyPrincipal(services.db, token) : await services.accounts.sessions.authenticate(token);
          if (!principal) throw new LessonError(ErrorCode.Unauthorized, 'sign in first (no valid session)');
          // A key is for the actions of its scopes; what a session does to itself (sign out, its password) is not one.
          if (principal.kind === 'apiKey' && route.action === 'signedIn') throw new LessonError(ErrorCode.Forbidden, 'an API key may call only the routes of its scopes');
          if (principal.mustChangePassword && !forPasswordChange.has(route.path)) {
            throw new LessonError(ErrorCode.PasswordChangeRequired, 'change the password first');
          }
          if (route.action !== 'signedIn' && !mayAtAll(principal, route.action)) {
            throw new LessonError(ErrorCode.Forbidden, principal.kind === 'apiKey' ? `not in this API key's scopes: ${route.action}` : `not allowed: ${route.action}`);
          }
        }
        let body: unknown = req.body;
        if (route.body) {
          const parsed = route.body.safeParse(req.body ?? {});
          if (!parsed.success) {
            throw new LessonError(ErrorCode.BadRequest, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
          }
          body = parsed.data;
        }
        const data = await route.run({
          principal: principal as Principal,
          address,
          params: req.params as Record<string, string>,
          query: req.query as Record<string, unknown>,
          body,
          req,
          res,
          services,
        });
        // A route that answers nothing answers {}; one that answers null (nothing configured) says so.
        if (!res.headersSent) res.json({ ok: true, data: data === undefined ? {} : data });
      } catch (error) {
        if (res.headersSent) return;
        if (error instanceof LessonError) {
          if (error.code === ErrorCode.Forbidden || error.code === ErrorCode.AddressRefused) {
            services.accounts.audit.record({ actor: principal, action: route.path, outcome: 'refused', address, detail: `${req.method} ${req.originalUrl.slice(0, 200)}: ${error.message}` });
          }
          res.status(statusOf[error.code] ?? 400).json({ ok: false, error: { code: error.code, message: error.message } });
          return;
        }
        services.logger.error({ err: (error as Error).message, stack: (error as Error).stack, path: route.path }, 'api route failed');
        res.status(500).json({ ok: false, error: { code: ErrorCode.Internal, message: 'internal error' } });
      }
    });
  }
  // A body that is not JSON, or too large, never reaches a route: a JSON answer, never Express's page with a stack.
  router.use((error: { type?: string; status?: number }, _req: Request, res: Response, next: (error?: unknown) => void) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.parse.failed') return void res.status(400).json({ ok: false, error: { code: ErrorCode.BadRequest, message: 'the body is not valid JSON' } });
    if (error.type === 'entity.too.large') return void res.status(413).json({ ok: false, error: { code: ErrorCode.PayloadTooLarge, message: 'the body is too large' } });
    services.logger.error({ err: String(error) }, 'api request failed before its route');
    res.status(error.status && error.status < 500 ? error.status : 500).json({ ok: false, error: { code: ErrorCode.BadRequest, message: 'bad request' } });
  });
  return router;
}

/** The one cookie of a request by name (no parser dependency for one value). */
export function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Records an admin action that was done (refusals are recorded by mountRoutes). */
export const audited = (call: ApiCall, action: string, target: string, detail?: string): void =>
  call.services.accounts.audit.record({ actor: call.principal, action, target, outcome: 'ok', address: call.address, ...(detail ? { detail } : {}) });
