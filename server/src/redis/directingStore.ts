import type { Redis } from 'ioredis';
import { directingChoiceSchema, sourceRefSchema, type Directing } from '@shared';
import { z } from 'zod';

const key = (lessonId: string): string => `lesson:${lessonId}:directing`;
const storedSchema = z.object({ choice: directingChoiceSchema, main: sourceRefSchema.nullable(), inset: sourceRefSchema.nullable() });

export const AUTO_DIRECTING: Directing = { choice: 'auto', main: null, inset: null };

/** The teacher's directing choice per lesson, in Redis so it survives reconnects and restarts. */
export class DirectingStore {
  constructor(private readonly redis: Redis) {}

  async get(lessonId: string): Promise<Directing> {
    const stored = await this.redis.get(key(lessonId));
    const parsed = stored ? storedSchema.safeParse(JSON.parse(stored)) : null;
    return parsed?.success ? parsed.data : AUTO_DIRECTING;
  }

  async set(lessonId: string, directing: Directing): Promise<void> {
    await this.redis.set(key(lessonId), JSON.stringify(directing));
  }
}
