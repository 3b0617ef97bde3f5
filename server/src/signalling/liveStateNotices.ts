import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared';
import type { Logger } from '../log.js';

/**
 * Tells every connected page when live state (Redis) goes away and when it is
 * back, so a classroom sees a calm "the server is recovering" instead of
 * buttons that fail for no visible reason. A page that connects while Redis
 * is away is told at once; one that joins has it back (a join reads Redis).
 */
export function announceLiveState(redis: Redis, io: Server<ClientToServerEvents, ServerToClientEvents>, logger: Logger): void {
  let available = true;
  const change = (now: boolean): void => {
    if (now === available) return;
    available = now;
    if (now) logger.info('live state (Redis) is back');
    else logger.warn('live state (Redis) is unreachable; requests answer UNAVAILABLE until it is back');
    io.emit('notice', { type: 'liveStateChanged', available });
  };
  // 'close' comes once per lost connection; 'ready' once the client has reconnected and Redis has loaded its data.
  redis.on('close', () => change(false));
  redis.on('ready', () => change(true));
  io.on('connection', (socket) => {
    if (!available) socket.emit('notice', { type: 'liveStateChanged', available: false });
  });
}
