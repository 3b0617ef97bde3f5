import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import { ErrorCode } from '@shared';

/**
 * At most `max` signalling connections per client address at once: one
 * address cannot tie up the server with thousands of idle sockets. Checked
 * after the session (handshake.ts), so only connections that are accepted
 * are counted; the count falls as they close.
 */
export function limitConnectionsPerAddress(io: Server, addressOf: (request: IncomingMessage) => string, max: number): void {
  const open = new Map<string, number>();
  io.use((socket, next) => {
    const address = addressOf(socket.request);
    const count = open.get(address) ?? 0;
    if (count >= max) return next(Object.assign(new Error(`at most ${max} connections from one address`), { data: { code: ErrorCode.RateLimited } }));
    open.set(address, count + 1);
    socket.once('disconnect', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
    next();
  });
}
