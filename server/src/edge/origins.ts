import { hostname, networkInterfaces } from 'node:os';

/**
 * The web origins allowed to call the API and open signalling connections:
 * this server's own addresses (the public URL, every LAN address, loopback,
 * its host name; http and https on its port) and any ALLOWED_ORIGINS. A
 * browser always sends Origin on a cross-site request, so a request that
 * carries another origin is another site's page acting with our user's
 * cookie or token: refused. No Origin at all is a same-origin GET or a
 * program (a test, the bureau's system), which proves itself by its token.
 */
export function allowedOrigins(publicUrl: string, port: number, extra: readonly string[]): Set<string> {
  const hosts = new Set(['127.0.0.1', 'localhost', '[::1]', hostname().toLowerCase()]);
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) hosts.add(address.family === 'IPv6' ? `[${address.address}]` : address.address);
  }
  const origins = new Set([new URL(publicUrl).origin, ...extra.map((origin) => new URL(origin).origin)]);
  for (const host of hosts) for (const scheme of ['http', 'https']) origins.add(`${scheme}://${host}:${port}`);
  return origins;
}

/** Whether a request with this Origin header (or none) may go on. */
export const originAllowed = (origin: string | undefined, allowed: ReadonlySet<string>): boolean => origin === undefined || allowed.has(origin);
