import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode, LessonError } from '@shared';

/**
 * Wrong passwords, counted in Redis (so every server sees the same count):
 * per account, 5 in a window (a minute), and per address 30 (a school behind
 * one NAT has many teachers). At the limit a sign-in is refused BEFORE its
 * password is checked, so guessing costs the guesser the window, not us an
 * argon2 hash. A right password clears the account's count.
 */
export class LoginLimiter {
  private readonly perAccount: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(redis: Redis, windowSeconds: number) {
    this.perAccount = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'login:account', points: 5, duration: windowSeconds });
    this.perAddress = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'login:address', points: 30, duration: windowSeconds });
  }

  /** Throws RATE_LIMITED (with the wait) when either count is used up; UNAVAILABLE when Redis is away. */
  async check(login: string, address: string): Promise<void> {
    const [account, place] = await this.guard(() => Promise.all([this.perAccount.get(login.toLowerCase()), this.perAddress.get(address)]));
    for (const used of [account, place]) {
      if (used && used.remainingPoints <= 0 && used.consumedPoints >= (used === account ? 5 : 30)) {
        throw new LessonError(ErrorCode.RateLimited, `too many wrong passwords; try again in ${Math.ceil(used.msBeforeNext / 1000)} s`);
      }
    }
  }

  async failed(login: string, address: string): Promise<void> {
    await this.guard(() =>
      Promise.all([this.perAccount.penalty(login.toLowerCase(), 1), this.perAddress.penalty(address, 1)]),
    );
  }

  async succeeded(login: string): Promise<void> {
    await this.guard(() => this.perAccount.delete(login.toLowerCase()));
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof RateLimiterRes) throw new LessonError(ErrorCode.RateLimited, 'too many attempts');
      throw new LessonError(ErrorCode.Unavailable, 'sign-in is unavailable for a moment (live state)');
    }
  }
}
