import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A loopback port free for both TCP and UDP, chosen *below* the kernel's
 * ephemeral range. A port the kernel hands out for `listen(0)` lies inside
 * that range, so between choosing it and the server binding it (seconds,
 * while the SFU worker starts) any outgoing connection — a Redis client, a
 * browser — may take it as its local port; CI once failed exactly so.
 * Ports below the range are only ever taken by someone listening on purpose.
 */
export async function freeLoopbackPort(): Promise<number> {
  const [low, high] = candidateRange();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port)) continue;
    if ((await tcpFree(port)) && (await udpFree(port))) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free loopback port between ${low} and ${high}`);
}

/** Ports this process already returned: two callers in one process never get the same one. */
const handedOut = new Set<number>();

function candidateRange(): [number, number] {
  const ephemeralStart = readEphemeralStart();
  const high = Math.min(ephemeralStart, 65_535);
  // Stay clear of well-known and registered low ports; 10000 ports is plenty of room for randomness.
  return high > 20_000 ? [high - 10_000, high] : [10_000, 20_000];
}

function readEphemeralStart(): number {
  try {
    const first = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(first) && first > 1024 ? first : 32_768;
  } catch {
    return 32_768;
  }
}

function tcpFree(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const server = createServer();
    server.once('error', () => answer(false));
    server.listen(port, '127.0.0.1', () => server.close(() => answer(true)));
  });
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      answer(false);
    });
    socket.bind(port, '127.0.0.1', () => socket.close(() => answer(true)));
  });
}
