import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/** How often a server says it is alive, and how long Redis keeps its word: one that stops is gone from the roster ≤ ALIVE_MS later. */
export const BEAT_MS = 2000;
export const ALIVE_MS = 6000;

const aliveKey = (serverId: string): string => `server:${serverId}:alive`;

/** A Tongtang server sharing this Redis, as the roster knows it. */
export interface RosterEntry {
  id: string;
  startedAt: number;
}

/**
 * The Tongtang servers sharing one Redis (issue 18, several servers). Each
 * keeps a key `server:<id>:alive` that expires ALIVE_MS after its last beat,
 * so a server that is killed (no goodbye) drops out by itself; each reads the
 * roster at every beat, logs a server joining or leaving, and tells its
 * listener of one that left, which takes the entries it left in Redis away.
 * A server joining is noticed ≤ BEAT_MS later, one leaving ≤ ALIVE_MS +
 * BEAT_MS (8 s). Redis's own clock times the keys, so the servers' clocks
 * need not agree. Known limit: a server cut from Redis for longer than
 * ALIVE_MS while the others still reach it is taken for gone, and its
 * participants' entries are cleared though its pages stay connected (a
 * page that joins again writes its entry again); a server never clears its
 * own while it runs.
 */
export class ServerRoster {
  private known = new Map<string, RosterEntry>();
  private timer: NodeJS.Timeout | null = null;
  private readonly startedAt = Date.now();

  constructor(
    private readonly redis: Redis,
    readonly serverId: string,
    private readonly logger: Logger,
    private readonly onLeft: (serverId: string) => Promise<void>,
  ) {}

  /** Says this server is alive and reads who else is; then keeps doing so every BEAT_MS. */
  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beatOrSay(), BEAT_MS);
    this.timer.unref();
  }

  /** The servers alive now, this one included, as of the last beat. */
  servers(): RosterEntry[] {
    return [...this.known.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Ids of the servers alive in Redis right now (read, not remembered). */
  async aliveIds(): Promise<Set<string>> {
    const ids = new Set<string>();
    for await (const keys of this.redis.scanStream({ match: 'server:*:alive', count: 100 }) as AsyncIterable<string[]>) {
      for (const key of keys) ids.add(key.slice('server:'.length, -':alive'.length));
    }
    return ids;
  }

  /** Goes quietly: the key is removed so the others notice at their next beat, not ALIVE_MS later. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.redis.del(aliveKey(this.serverId)).catch(() => undefined);
  }

  /** A Redis outage is said once, not every beat (health and failed requests report it too). */
  private failing = false;

  private async beatOrSay(): Promise<void> {
    try {
      await this.beat();
      if (this.failing) this.logger.info('server roster beats again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: (error as Error).message }, 'server roster beat failed; trying every beat');
      this.failing = true;
    }
  }

  private async beat(): Promise<void> {
    await this.redis.set(aliveKey(this.serverId), JSON.stringify({ id: this.serverId, startedAt: this.startedAt }), 'PX', ALIVE_MS);
    const ids = await this.aliveIds();
    const values = ids.size > 0 ? await this.redis.mget(...[...ids].map(aliveKey)) : [];
    const now = new Map<string, RosterEntry>();
    for (const value of values) {
      if (!value) continue;
      const entry = JSON.parse(value) as RosterEntry;
      now.set(entry.id, entry);
    }
    for (const id of now.keys()) if (!this.known.has(id) && id !== this.serverId) this.logger.info({ server: id }, 'a server joined');
    for (const id of this.known.keys()) {
      if (now.has(id)) continue;
      this.logger.warn({ server: id }, 'a server left');
      await this.onLeft(id).catch((error: Error) => this.logger.warn({ server: id, err: error.message }, 'clearing what a departed server left failed'));
    }
    this.known = now;
  }
}
