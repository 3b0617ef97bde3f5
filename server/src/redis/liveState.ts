import { redactUrl } from '../log.js';
import { Redis } from 'ioredis';
import type { LessonStatus, Participant } from '@shared';

/**
 * Live lesson state in Redis: the lesson's status and who is in it. Redis is
 * the truth so that a restarted server, or a second server, sees the same
 * classroom; mediasoup objects stay in the process that owns them.
 *
 * Keys: `lesson:<id>:status` (string), `lesson:<id>:participants` (hash id → JSON).
 */
const participantsKey = (lessonId: string): string => `lesson:${lessonId}:participants`;

const SET_IF_NEWER = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and cjson.decode(current).joinedAt > tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;

const DELETE_IF_SAME = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and cjson.decode(current).joinedAt == tonumber(ARGV[2]) then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0`;

/**
 * Keeps the entries a hash's JSON values name a server for, unless it is `gone`
 * (ARGV: the servers gone, as a JSON array); an entry without one is a previous
 * version's and is stale too. Returns how many went.
 */
const DROP_SERVERS = `
local gone = cjson.decode(ARGV[1])
local dropped = 0
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  local server = cjson.decode(entries[i + 1]).serverId
  if server == nil or gone[server] then
    redis.call('HDEL', KEYS[1], entries[i])
    dropped = dropped + 1
  end
end
return dropped`;

/** Hashes whose entries name the server whose page they are: participants, and the tracks they publish (federation/LessonLink). */
const SERVER_MARKED = ['lesson:*:participants', 'lesson:*:tracks'];

export class LiveState {
  /**
   * `serverId` marks every participant this server records, so a server that
   * starts or leaves takes away only its own, never another server's.
   */
  constructor(
    private readonly redis: Redis,
    private readonly serverId = 'this',
  ) {}

  async status(lessonId: string): Promise<LessonStatus> {
    const status = await this.redis.get(`lesson:${lessonId}:status`);
    return status === 'live' || status === 'ended' ? status : 'waiting';
  }

  async setStatus(lessonId: string, status: LessonStatus): Promise<void> {
    await this.redis.set(`lesson:${lessonId}:status`, status);
  }

  async participants(lessonId: string): Promise<Participant[]> {
    const entries = await this.redis.hvals(participantsKey(lessonId));
    // The server's mark stays in Redis: what a page is shown is the participant alone.
    return entries
      .map((entry) => {
        const { serverId: _server, ...participant } = JSON.parse(entry) as Participant & { serverId?: string };
        return participant;
      })
      .sort((a, b) => a.joinedAt - b.joinedAt);
  }

  /** The participants with the server each one's page is on (the federation tells its own from the others'). */
  async participantEntries(lessonId: string): Promise<Array<Participant & { serverId?: string }>> {
    return (await this.redis.hvals(participantsKey(lessonId))).map((entry) => JSON.parse(entry) as Participant & { serverId?: string });
  }

  /**
   * Records a participant unless the entry holds a newer join of the same
   * link (joinedAt later): of two tabs joining at once, the newer one's entry
   * stays whichever write lands last. Returns whether it was written.
   */
  async addParticipant(lessonId: string, participant: Participant): Promise<boolean> {
    const written = await this.redis.eval(SET_IF_NEWER, 1, participantsKey(lessonId), participant.id, JSON.stringify({ ...participant, serverId: this.serverId }), participant.joinedAt);
    return written === 1;
  }

  /**
   * Removes the entry only if it is still the one written at `joinedAt`, in
   * one step in Redis (compare-and-delete): a page that has just rejoined
   * keeps its entry.
   */
  async removeParticipant(lessonId: string, participantId: string, joinedAt: number): Promise<void> {
    await this.redis.eval(DELETE_IF_SAME, 1, participantsKey(lessonId), participantId, joinedAt);
  }

  /**
   * At start-up nobody is connected to this server yet: participants it left
   * in Redis in a previous run are stale (their sockets died with it), as are
   * those of servers no longer alive (`alive`: the ids alive in Redis now,
   * this one excluded). Other live servers' participants stay.
   */
  async clearParticipants(alive: Set<string> = new Set()): Promise<number> {
    let dropped = 0;
    for (const match of SERVER_MARKED) {
      for await (const keys of this.redis.scanStream({ match, count: 200 }) as AsyncIterable<string[]>) {
        for (const key of keys) dropped += await this.dropUnless(key, alive);
      }
    }
    return dropped;
  }

  /** A server left (noticed by the roster): its participants' sockets went with it. */
  async clearServer(serverId: string): Promise<number> {
    let dropped = 0;
    for (const match of SERVER_MARKED) {
      for await (const keys of this.redis.scanStream({ match, count: 200 }) as AsyncIterable<string[]>) {
        for (const key of keys) dropped += (await this.redis.eval(DROP_SERVERS, 1, key, JSON.stringify({ [serverId]: true }))) as number;
      }
    }
    return dropped;
  }

  /** Drops the entries of every server but the `alive` ones (this one's too). */
  private async dropUnless(key: string, alive: Set<string>): Promise<number> {
    const servers = new Set((await this.redis.hvals(key)).map((entry) => (JSON.parse(entry) as { serverId?: string }).serverId ?? ''));
    const gone = Object.fromEntries([...servers].filter((id) => id === this.serverId || !alive.has(id)).map((id) => [id, true]));
    return (await this.redis.eval(DROP_SERVERS, 1, key, JSON.stringify(gone))) as number;
  }
}

/**
 * Connects to Redis, failing within a few seconds with a clear message when it
 * is unreachable. Afterwards a Redis that goes away fails every command at
 * once (UNAVAILABLE to the client, see storeErrors) instead of holding it:
 * no offline queue, commands in flight when the connection drops are failed
 * rather than resent (a resent chat message could land twice), and a Redis
 * that stops answering fails commands after a second. The client reconnects
 * by itself, within a second of Redis being back.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    commandTimeout: 1000,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  redis.on('error', () => undefined); // reported through health and failed requests, not as crashes
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${redactUrl(url)}: ${(error as Error).message}`);
  }
  return redis;
}
