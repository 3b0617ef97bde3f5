import { existsSync } from 'node:fs';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Services } from '../features/context.js';
import { originAllowed } from '../edge/origins.js';
import { mountRoutes } from './apiRoute.js';
import { apiRoutes } from './apiRoutes.js';
import { clientFiles } from './clientFiles.js';
import { metricsRoute } from './metricsRoute.js';
import { openApiRoutes } from './openapi/openApiRoutes.js';
import { liveFiles } from './liveFiles.js';
import { recordingMedia } from './recordingMedia.js';
import { requestIds } from './requestIds.js';
import { ssoSignIn } from './ssoSignIn.js';

/** What the HTTP side needs beyond the services. */
export interface HttpDeps {
  services: Services;
  signingKey: Uint8Array;
  /** The origins a page may call the API from. */
  origins: ReadonlySet<string>;
  /** Ok or not, for `/healthz`. */
  healthy(): Promise<boolean>;
  /** The built client's folder, when there is one. */
  clientDist: string | null;
}

/**
 * Every route the server answers over HTTP, in order: `/healthz`, `/metrics`, the API
 * (its description, single sign-on, media, the REST routes), then the client's
 * pages. Apart from start-up so a test can list the routes of the very app
 * the server runs (openapi.integration.test.ts compares them with the document).
 */
export async function mountHttp(app: Express, deps: HttpDeps): Promise<void> {
  const { services } = deps;
  app.use(requestIds(services.logger));
  // Public: ok or not, for a load balancer or a monitor. The details (pids, ports, counts) are /api/health's, for admins.
  app.get('/healthz', async (_req, res) => {
    const ok = await deps.healthy();
    res.status(ok ? 200 : 503).json({ ok });
  });
  // For Prometheus, and only where metricsGate lets it: it tells how many lessons and classrooms a bureau runs.
  app.get('/metrics', metricsRoute(services.metrics, services.config.metrics));
  app.use('/api', (req, res, next) => {
    if (originAllowed(req.get('origin'), deps.origins)) return next();
    res.status(403).json({ ok: false, error: { code: 'FORBIDDEN', message: 'this origin may not use the API' } });
  });
  app.use('/api', openApiRoutes(services.config));
  app.use('/api/auth/sso', ssoSignIn(services, deps.signingKey));
  // 资源库 playback: a <video> element's requests, authorised by a media token in the address (see recordingMedia.ts).
  // 直播输出: a live broadcast's HLS, by its key (see liveFiles.ts).
  app.use('/api/media/live', liveFiles(services));
  app.use('/api/media', recordingMedia(services));
  app.use('/api', mountRoutes(apiRoutes, services));
  app.use('/api', (_req, res) => void res.status(404).json({ ok: false, error: { code: 'NOT_FOUND', message: 'no such API route' } }));
  if (deps.clientDist && existsSync(deps.clientDist)) app.use(await clientFiles(deps.clientDist));
  // Whatever else fails: a plain JSON answer, never a stack trace.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    services.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'http request failed');
    if (!res.headersSent) res.status(500).json({ ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
  });
}
