import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { inRequest, type Logger } from '../log.js';

/** An id a proxy or client may choose: short, and nothing a log reader or a header could trip on. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives each HTTP request an id, answered in `X-Request-Id` and carried by
 * every log line written while it is served. A proxy's own id is kept when
 * it is a short safe token, so one request can be followed from the proxy's
 * log into ours; anything else is replaced, never echoed. Each API request
 * ends with one line (method, path, status, time); pages, `/healthz` and
 * `/metrics` do not, or a monitor's polling would fill the log.
 */
export function requestIds(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const offered = req.get('x-request-id');
    const requestId = offered && SAFE_ID.test(offered) ? offered : randomUUID();
    res.set('X-Request-Id', requestId);
    if (req.path.startsWith('/api/')) {
      const started = Date.now();
      // The path without its query: a media token or a sign-in code travels there.
      const path = req.path;
      res.once('finish', () => inRequest(requestId, () => logger.info({ method: req.method, path, status: res.statusCode, ms: Date.now() - started }, 'http request')));
    }
    inRequest(requestId, next);
  };
}
