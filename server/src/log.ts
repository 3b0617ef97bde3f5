import { pino, type Logger } from 'pino';

/**
 * The server's one logger; JSON lines on stdout, level from LOG_LEVEL.
 * Every string it writes is scrubbed of the configured secrets (a Redis
 * password, the signing key, the first admin's password), wherever a message
 * or an error happened to quote them.
 */
export function createLogger(level: string, secrets: readonly string[] = []): Logger {
  const scrubbing = secrets.filter((secret) => secret.length >= 4);
  return pino({
    level,
    base: { service: 'tongtang' },
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
  });
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
