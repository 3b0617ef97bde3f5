import { ReplyError, type Redis } from 'ioredis';
import { ErrorCode, LessonError } from '@shared';

/** Live state cannot be read or written now (Redis down or unreachable); the request changed nothing. */
export class StoreUnavailableError extends LessonError {
  constructor() {
    super(ErrorCode.Unavailable, 'live state store is unavailable; try again shortly');
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The Redis client the stores use, with its failures typed at this one
 * boundary: a connection that is down, closed or out of retries becomes
 * StoreUnavailableError (UNAVAILABLE to the client), while a reply error —
 * a bad command or script, our bug — stays as it is and answers INTERNAL.
 * Every store gets this client, so no code matches error messages.
 */
export function typedStore(redis: Redis): Redis {
  return new Proxy(redis, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          throw error instanceof ReplyError ? error : new StoreUnavailableError();
        });
      };
    },
  });
}
