import type { Redis } from 'ioredis';
import { CHAT_HISTORY, type ChatMessage } from '@shared';

const messagesKey = (lessonId: string): string => `lesson:${lessonId}:chat`;
const closedKey = (lessonId: string): string => `lesson:${lessonId}:chat:closed`;

/** The lesson's chat in Redis: the last CHAT_HISTORY messages, shown again on reload, and the on/off switch. */
export class ChatLog {
  constructor(private readonly redis: Redis) {}

  async append(lessonId: string, message: ChatMessage): Promise<void> {
    await this.redis
      .multi()
      .rpush(messagesKey(lessonId), JSON.stringify(message))
      .ltrim(messagesKey(lessonId), -CHAT_HISTORY, -1)
      .exec();
  }

  async history(lessonId: string): Promise<ChatMessage[]> {
    const entries = await this.redis.lrange(messagesKey(lessonId), 0, -1);
    return entries.map((entry) => JSON.parse(entry) as ChatMessage);
  }

  async enabled(lessonId: string): Promise<boolean> {
    return (await this.redis.exists(closedKey(lessonId))) === 0;
  }

  async setEnabled(lessonId: string, enabled: boolean): Promise<void> {
    if (enabled) await this.redis.del(closedKey(lessonId));
    else await this.redis.set(closedKey(lessonId), '1');
  }
}
