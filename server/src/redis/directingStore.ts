import type { Redis } from 'ioredis';
import { directingChoiceSchema, sourceRefSchema, type Directing } from '@shared';
import { z } from 'zod';

const key = (lessonId: string): string => `lesson:${lessonId}:directing`;
const pinKey = (lessonId: string): string => `lesson:${lessonId}:pin`;
const storedSchema = z.object({ choice: directingChoiceSchema, main: sourceRefSchema.nullable(), inset: sourceRefSchema.nullable() });

export const AUTO_DIRECTING: Directing = { choice: 'auto', main: null, inset: null };

/** The teacher's directing choice and pinned view per lesson, in Redis so they survive reconnects and restarts. */
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

  /** Whom the teacher pinned every main view to (固定画面), or null. */
  async pinned(lessonId: string): Promise<string | null> {
    return this.redis.get(pinKey(lessonId));
  }

  async setPinned(lessonId: string, participantId: string | null): Promise<void> {
    if (participantId) await this.redis.set(pinKey(lessonId), participantId);
    else await this.redis.del(pinKey(lessonId));
  }
}
