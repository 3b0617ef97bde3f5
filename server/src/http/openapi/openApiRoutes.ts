import express, { type Router } from 'express';
import type { Config } from '../../config.js';
import { openApiDocument } from './document.js';
import { docsPage, DOCS_CSS } from './docsPage.js';

/** `/api/openapi.json`, and `/api/docs`: the same document as a page (no script, nothing from elsewhere). */
export function openApiRoutes(config: Config): Router {
  const router = express.Router();
  // Made once: the routes do not change while the server runs.
  let document: Record<string, unknown> | null = null;
  let page: string | null = null;
  const current = () => (document ??= openApiDocument(config));
  router.get('/openapi.json', (_req, res) => void res.json(current()));
  router.get('/docs', (_req, res) => void res.type('html').send((page ??= docsPage(current()))));
  router.get('/docs.css', (_req, res) => void res.type('css').set('cache-control', 'public, max-age=3600').send(DOCS_CSS));
  return router;
}
