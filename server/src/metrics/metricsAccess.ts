import { createHash, timingSafeEqual } from 'node:crypto';
import proxyaddr from 'proxy-addr';
import { ErrorCode } from '@shared';

/** Who may scrape `/metrics` (METRICS, METRICS_ALLOW, METRICS_TOKEN). */
export interface MetricsSettings {
  enabled: boolean;
  allow: readonly string[];
  token: string | null;
}

/** What a scrape shows of itself. */
export interface Scrape {
  /** The client's address as TRUST_PROXY resolves it (Express's `req.ip`). */
  address: string;
  /** The connection's own peer. */
  peer: string;
  /** Whether it carries X-Forwarded-For or Forwarded. */
  forwarded: boolean;
  authorization: string | undefined;
}

/** Why a scrape is refused, with the HTTP status it gets. */
export interface Refusal {
  status: 404 | 403 | 401;
  code: ErrorCode;
  message: string;
}

/**
 * The rule for `/metrics`, which tells anyone who reads it how many lessons,
 * classrooms and workers a bureau runs: it must not reach the internet. Only
 * METRICS_ALLOW's addresses (this machine by default) may scrape, plus the
 * bearer token when METRICS_TOKEN is set. A reverse proxy on this machine
 * makes every visitor look local, so a forwarded request counts only through
 * a proxy TRUST_PROXY names (its client address is then the one checked);
 * one forwarded by any other proxy is refused.
 */
export function metricsGate(settings: MetricsSettings): (scrape: Scrape) => Refusal | null {
  const allowed = proxyaddr.compile([...settings.allow]);
  const expected = settings.token ? digest(settings.token) : null;
  return (scrape) => {
    if (!settings.enabled) return { status: 404, code: ErrorCode.NotFound, message: 'metrics are off (METRICS=off)' };
    if (scrape.forwarded && scrape.address === scrape.peer) return { status: 403, code: ErrorCode.Forbidden, message: 'forwarded by a proxy TRUST_PROXY does not name' };
    if (!allowed(scrape.address, 0)) return { status: 403, code: ErrorCode.Forbidden, message: 'this address may not read the metrics (METRICS_ALLOW)' };
    if (expected) {
      const sent = /^Bearer (\S+)$/.exec(scrape.authorization ?? '')?.[1];
      if (!sent || !timingSafeEqual(digest(sent), expected)) return { status: 401, code: ErrorCode.Unauthorized, message: 'the metrics need their bearer token (METRICS_TOKEN)' };
    }
    return null;
  };
}

// Digests of equal length, so comparing them takes the same time whatever was sent.
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
