import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers on every answer (helmet): a content security policy the
 * pages really pass (scripts, styles, sockets only from this server; images
 * also as data: URLs — the terminal's QR code; no plugin, no frame, no
 * base-URI games), no embedding in another site's frame, nosniff, no
 * Referer ever (a link's fragment never leaves anyway; a page's path names
 * the lesson), HSTS only over HTTPS. React sets inline styles through the
 * CSSOM, which `style-src 'self'` allows.
 */
export function securityHeaders(): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Set below, only where the page came over HTTPS: on plain HTTP it would be ignored, and it must never be
    // sent for a loopback address a developer may serve both ways.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 180 * 86_400, includeSubDomains: false });
  return (req, res, next) => {
    headers(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (req.secure) return hsts(req, res, next);
      next();
    });
  };
}
