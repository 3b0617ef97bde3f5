import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { Request, RequestHandler, Response } from 'express';

/** One file of the built client, held in memory with its compressed copies. */
interface ClientFile {
  body: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
  type: string;
  cacheControl: string;
  /** Of the uncompressed body; each encoding gets its own suffix, as they are different bytes. */
  etag: string;
}

type Encoding = 'br' | 'gzip' | 'identity';

/** Vite puts a content hash in every name under assets/: such a file never changes, so a browser keeps it a year without asking. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: the browser asks every time (a 304 when unchanged), so a new release shows at the next load. */
const REVALIDATE = 'no-cache';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built client (client/dist): every file, and index.html for
 * every page of the single-page client (`/`, `/lesson/…`).
 *
 * The brotli and gzip copies are made at build time (client/build/precompress.ts)
 * rather than here: brotli at its strongest takes about a second for the
 * bundle, too slow for every server start (the tests start dozens). Here the
 * whole dist is read into memory once, at start (a few MB; source maps are left out),
 * so a request is a lookup and a write: nothing is compressed or read from
 * disk per request. A rebuild takes effect at the next start, and until then
 * the old index.html and its assets stay consistent. A build without the
 * compressed copies is served uncompressed.
 */
export async function clientFiles(dist: string): Promise<RequestHandler> {
  const files = await loadFiles(dist);
  const index = files.get('/index.html');
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Every page is the single-page client; it reads the page from the path (client/src/route.ts).
    const file = /^\/(lesson\/.*|t|login|admin|teach|library|ranking|timetable|dashboard|inspection|broadcasts|live\/[A-Za-z0-9_-]{16,64}|library\/(recording|clip)\/[^/]+)?\/?$/.test(req.path) ? index : files.get(req.path);
    if (!file) return next();
    send(req, res, file);
  };
}

function send(req: Request, res: Response, file: ClientFile): void {
  const encoding = chooseEncoding(req.headers['accept-encoding'], file);
  const body = encoding === 'br' ? file.br! : encoding === 'gzip' ? file.gzip! : file.body;
  const etag = encoding === 'identity' ? `"${file.etag}"` : `"${file.etag}-${encoding}"`;
  res.setHeader('Content-Type', file.type);
  res.setHeader('Cache-Control', file.cacheControl);
  res.setHeader('ETag', etag);
  // A cache between the school and the server must not give a gzip-less browser the brotli copy.
  if (file.br || file.gzip) res.setHeader('Vary', 'Accept-Encoding');
  if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
    res.status(304).end();
    return;
  }
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/** The best encoding the browser accepts (`Accept-Encoding`, q-values honoured) of those the file has; brotli on a tie, it is smaller. */
export function chooseEncoding(header: string | undefined, file: { br: Buffer | null; gzip: Buffer | null }): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const quality = (name: string): number => accepted.get(name) ?? accepted.get('*') ?? 0;
  const candidates = ([['br', file.br], ['gzip', file.gzip]] as const).filter(([name, copy]) => copy !== null && quality(name) > 0);
  candidates.sort((a, b) => quality(b[0]) - quality(a[0]));
  return candidates[0]?.[0] ?? 'identity';
}

async function loadFiles(dist: string): Promise<Map<string, ClientFile>> {
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  const paths = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  const present = new Set(paths);
  const files = new Map<string, ClientFile>();
  for (const path of paths) {
    const url = '/' + relative(dist, path).split(sep).join('/');
    // Dot files (the build stamp, Vite's manifest) are the build's own; the copies are served with their original.
    // Source maps stay on the server's disk: they would hand out the whole source, comments and all.
    if (/\/\./.test(url) || /\.(br|gz|map)$/.test(url)) continue;
    const body = await readFile(path);
    const copy = (suffix: string): Promise<Buffer | null> => (present.has(path + suffix) ? readFile(path + suffix) : Promise.resolve(null));
    files.set(url, {
      body,
      br: await copy('.br'),
      gzip: await copy('.gz'),
      type: types[extname(path)] ?? 'application/octet-stream',
      cacheControl: url.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
      etag: createHash('sha256').update(body).digest('base64url').slice(0, 22),
    });
  }
  return files;
}
