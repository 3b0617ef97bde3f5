import type { Request, RequestHandler } from 'express';
import type { ServerMetrics } from '../metrics/ServerMetrics.js';
import { metricsGate, type MetricsSettings } from '../metrics/metricsAccess.js';

/** `GET /metrics`: the Prometheus text, for the scrapers metricsGate lets in; anyone else gets a JSON refusal. */
export function metricsRoute(metrics: ServerMetrics, settings: MetricsSettings): RequestHandler {
  const refusal = metricsGate(settings);
  return async (req: Request, res, next) => {
    const refused = refusal({
      address: req.ip ?? '',
      peer: req.socket.remoteAddress ?? '',
      forwarded: req.get('x-forwarded-for') !== undefined || req.get('forwarded') !== undefined,
      authorization: req.get('authorization'),
    });
    if (refused) {
      if (refused.status === 401) res.set('WWW-Authenticate', 'Bearer');
      res.status(refused.status).json({ ok: false, error: { code: refused.code, message: refused.message } });
      return;
    }
    try {
      const text = await metrics.text();
      res.set('Content-Type', metrics.contentType).set('Cache-Control', 'no-store').send(text);
    } catch (error) {
      next(error);
    }
  };
}
