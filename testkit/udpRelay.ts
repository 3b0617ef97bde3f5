import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

/**
 * One direction of an impaired link: propagation delay, random loss, and a
 * rate limit with a bounded queue (tail drop), as a rural school's DSL or
 * 4G uplink behaves. The kernel here has no netem, so the bench impairs
 * media in user space.
 */
export interface LinkProfile {
  delayMs: number;
  lossPct: number;
  /** null: unlimited. */
  rateKbps: number | null;
  /** Longest a packet may wait for the rate limit before it is dropped (the modem's buffer). */
  queueMs: number;
}

export const openLink: LinkProfile = { delayMs: 0, lossPct: 0, rateKbps: null, queueMs: 250 };

export interface DirectionStats {
  packets: number;
  dropped: number;
  bytes: number;
}

class Direction {
  private freeAt = 0;
  readonly stats: DirectionStats = { packets: 0, dropped: 0, bytes: 0 };

  constructor(
    public profile: LinkProfile,
    private readonly random: () => number,
  ) {}

  /** Delivers `packet` later through `send`, or drops it. */
  push(packet: Buffer, send: (packet: Buffer) => void): void {
    this.stats.packets++;
    const { delayMs, lossPct, rateKbps, queueMs } = this.profile;
    if (this.random() * 100 < lossPct) {
      this.stats.dropped++;
      return;
    }
    const now = performance.now();
    let leaves = now;
    if (rateKbps !== null) {
      const start = Math.max(now, this.freeAt);
      if (start - now > queueMs) {
        this.stats.dropped++;
        return;
      }
      this.freeAt = start + (packet.length * 8) / rateKbps;
      leaves = this.freeAt;
    }
    this.stats.bytes += packet.length;
    const wait = leaves + delayMs - now;
    if (wait < 0.5) send(packet);
    else setTimeout(() => send(packet), wait);
  }
}

/**
 * A UDP relay on 127.0.0.1 in front of the SFU's media port, for one
 * classroom: the classroom's ICE candidate is pointed at `port`, and each of
 * its local sockets (send and receive transport) gets its own upstream
 * socket, so the SFU still sees one 5-tuple per transport.
 */
export class UdpRelay {
  readonly up: Direction;
  readonly down: Direction;
  private readonly front: Socket;
  private readonly upstream = new Map<string, Socket>();
  /** Packets still delayed in timers when the relay closes are dropped, not sent on closed sockets. */
  private closed = false;

  private constructor(front: Socket, private readonly target: { host: string; port: number }, up: LinkProfile, down: LinkProfile, seed: number) {
    this.front = front;
    let state = seed >>> 0;
    const random = (): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    this.up = new Direction(up, random);
    this.down = new Direction(down, random);
    front.on('message', (packet, from) => this.fromClient(packet, from));
  }

  static async open(target: { host?: string; port: number }, up: LinkProfile, down: LinkProfile, seed = 1): Promise<UdpRelay> {
    const front = createSocket('udp4');
    await new Promise<void>((resolve) => front.bind(0, '127.0.0.1', resolve));
    return new UdpRelay(front, { host: target.host ?? '127.0.0.1', port: target.port }, up, down, seed);
  }

  get port(): number {
    return this.front.address().port;
  }

  /** Changes one direction's impairment on the fly (the adaptation run). */
  set(direction: 'up' | 'down', profile: LinkProfile): void {
    this[direction].profile = profile;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.front.close();
    for (const socket of this.upstream.values()) socket.close();
    this.upstream.clear();
  }

  private fromClient(packet: Buffer, client: RemoteInfo): void {
    const key = `${client.address}:${client.port}`;
    let socket = this.upstream.get(key);
    if (!socket) {
      const created = createSocket('udp4');
      created.bind(0, '127.0.0.1');
      created.on('message', (reply) => this.down.push(reply, (p) => !this.closed && this.front.send(p, client.port, client.address)));
      created.on('error', () => undefined);
      this.upstream.set(key, created);
      socket = created;
    }
    const out = socket;
    this.up.push(packet, (p) => !this.closed && out.send(p, this.target.port, this.target.host));
  }
}
