import type { Redis } from 'ioredis';
import type { FloorState } from '@shared';

const key = (lessonId: string): string => `lesson:${lessonId}:floor`;

/** The floor (who may speak) of each lesson, in Redis so it survives restarts. */
export class FloorStore {
  constructor(
    private readonly redis: Redis,
    private readonly maxHolders: number,
  ) {}

  async get(lessonId: string): Promise<FloorState> {
    const stored = await this.redis.get(key(lessonId));
    const floor = stored ? (JSON.parse(stored) as FloorState) : null;
    return { mode: floor?.mode ?? 'lecture', holders: floor?.holders ?? [], muted: floor?.muted ?? [], maxHolders: this.maxHolders };
  }

  async set(lessonId: string, floor: FloorState): Promise<void> {
    await this.redis.set(key(lessonId), JSON.stringify(floor));
  }
}
