import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** The HTTP request being served, if any: every line logged while serving it carries its id. */
const currentRequest = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` (and all that it awaits) as part of the request `requestId`. */
export function inRequest<T>(requestId: string, work: () => T): T {
  return currentRequest.run({ requestId }, work);
}

/**
 * Runs `work` as part of no request. Work a request starts logs under its id
 * (a recording it started, say); a queue it merely woke must not, or every
 * later pass and retry timer would go on carrying that one request's id.
 */
export function outsideRequest<T>(work: () => T): T {
  return currentRequest.exit(work);
}

/**
 * The server's one logger; JSON lines on stdout, level from LOG_LEVEL.
 * Every string it writes is scrubbed of the configured secrets (a Redis
 * password, the signing key, the first admin's password, the metrics
 * token), wherever a message or an error happened to quote them. A line logged while an HTTP request is
 * served carries its `requestId` (see inRequest), whichever logger wrote it:
 * the routes log through the services' logger, not one handed down to them.
 */
export function createLogger(level: string, secrets: readonly string[] = [], destination?: DestinationStream): Logger {
  const scrubbing = secrets.filter((secret) => secret.length >= 4);
  const options: LoggerOptions = {
    level,
    base: { service: 'tongtang' },
    mixin: () => currentRequest.getStore() ?? {},
    ...(scrubbing.length
      ? {
          formatters: { log: (object: Record<string, unknown>) => JSON.parse(scrub(JSON.stringify(object), scrubbing)) as Record<string, unknown> },
          hooks: {
            logMethod(args: unknown[], method: (...args: unknown[]) => void) {
              method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrub(arg, scrubbing) : arg)));
            },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The text with every secret replaced by ***. */
export function scrub(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 4) clean = clean.split(secret).join('***');
  return clean;
}

/** A URL fit to print: its password (e.g. of REDIS_URL) replaced by ***. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return '(a URL)';
  }
}

export type { Logger };
