import type { Redis } from 'ioredis';
import { MAX_WAITING_QUESTIONS, type QuestionsView, type ViewerQuestion } from '@shared';

const waitingKey = (lessonId: string): string => `lesson:${lessonId}:questions:waiting`;
const openKey = (lessonId: string): string => `lesson:${lessonId}:questions:open`;
const shownKey = (lessonId: string): string => `lesson:${lessonId}:questions:shown`;

/** Adds a question unless MAX_WAITING_QUESTIONS already wait: one round trip, so a crowd asking at once cannot overshoot. */
const ADD_IF_ROOM = `
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;

/** Moves a waiting question onto the screen: it leaves the list only if it was there (0 otherwise). */
const SHOW = `
local question = redis.call('HGET', KEYS[1], ARGV[1])
if not question then return false end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], question)
return question`;

/**
 * The lesson's viewers' questions (观众提问) in Redis, kept like its chat so
 * a server restart loses none that a viewer was told had arrived: the
 * waiting list (the teacher's), the one shown on every screen, and the switch.
 */
export class QuestionBox {
  constructor(private readonly redis: Redis) {}

  /** False when the list is full (nothing stored). */
  async ask(lessonId: string, question: ViewerQuestion): Promise<boolean> {
    const added = await this.redis.eval(ADD_IF_ROOM, 1, waitingKey(lessonId), question.id, JSON.stringify(question), MAX_WAITING_QUESTIONS);
    return added === 1;
  }

  /** Null if the question is not waiting (already shown, dismissed, or never asked). */
  async show(lessonId: string, questionId: string): Promise<ViewerQuestion | null> {
    const shown = (await this.redis.eval(SHOW, 2, waitingKey(lessonId), shownKey(lessonId), questionId)) as string | null;
    return shown ? (JSON.parse(shown) as ViewerQuestion) : null;
  }

  async takeDown(lessonId: string): Promise<void> {
    await this.redis.del(shownKey(lessonId));
  }

  /** Whether the question was waiting. */
  async dismiss(lessonId: string, questionId: string): Promise<boolean> {
    return (await this.redis.hdel(waitingKey(lessonId), questionId)) === 1;
  }

  async isOpen(lessonId: string): Promise<boolean> {
    return (await this.redis.exists(openKey(lessonId))) === 1;
  }

  async setOpen(lessonId: string, open: boolean): Promise<void> {
    if (open) await this.redis.set(openKey(lessonId), '1');
    else await this.redis.del(openKey(lessonId));
  }

  /** The questions as a page sees them on (re)join; the waiting list only for the teacher, oldest first. */
  async view(lessonId: string, forTeacher: boolean): Promise<QuestionsView> {
    const [open, shown, waiting] = await Promise.all([
      this.isOpen(lessonId),
      this.redis.get(shownKey(lessonId)),
      forTeacher ? this.redis.hvals(waitingKey(lessonId)) : Promise.resolve([]),
    ]);
    return {
      open,
      shown: shown ? (JSON.parse(shown) as ViewerQuestion) : null,
      waiting: waiting.map((entry) => JSON.parse(entry) as ViewerQuestion).sort((a, b) => a.askedAt - b.askedAt),
    };
  }
}
