import type { Redis } from 'ioredis';
import type { RaisedHand } from '@shared';

const key = (lessonId: string): string => `lesson:${lessonId}:hands`;

/**
 * The lesson's one hand queue across all schools, in Redis (hash: participant
 * id → hand), so it survives a reload, a reconnect and a server restart. One
 * entry per participant: pressing twice does not queue twice.
 */
export class HandQueue {
  constructor(private readonly redis: Redis) {}

  /** Oldest first. */
  async list(lessonId: string): Promise<RaisedHand[]> {
    const entries = await this.redis.hvals(key(lessonId));
    return entries.map((entry) => JSON.parse(entry) as RaisedHand).sort((a, b) => a.raisedAt - b.raisedAt);
  }

  /** Raises the hand unless it is already up (keeping its place in the queue). */
  async raise(lessonId: string, hand: RaisedHand): Promise<void> {
    await this.redis.hsetnx(key(lessonId), hand.participantId, JSON.stringify(hand));
  }

  async lower(lessonId: string, participantId: string): Promise<void> {
    await this.redis.hdel(key(lessonId), participantId);
  }

  async lowerAll(lessonId: string): Promise<void> {
    await this.redis.del(key(lessonId));
  }
}
