import type { Server } from 'socket.io';
import {
  clientRequestSchema,
  ErrorCode,
  LessonError,
  MAX_REQUEST_BYTES,
  type Ack,
  type ClientToServerEvents,
  type ProtocolError,
  type ServerToClientEvents,
} from '@shared';
import { leaveLesson } from '../features/join/leaveLesson.js';
import { Session, type HandlerTable, type Services } from './context.js';
import { RateLimit } from './rateLimit.js';

/**
 * Accepts signalling connections. Every inbound message is size-checked and
 * parsed against the shared schema before anything touches mediasoup; a bad
 * one gets a typed error reply, one log line, and changes nothing.
 */
export function acceptSignalling(
  io: Server<ClientToServerEvents, ServerToClientEvents>,
  handlers: HandlerTable,
  services: Services,
): void {
  io.on('connection', (socket) => {
    const session = new Session(socket);
    const limit = new RateLimit(50, 200);
    const log = services.logger.child({ socketId: socket.id, address: socket.handshake.address });

    const reject = (reply: unknown, error: ProtocolError, detail: Record<string, unknown>): void => {
      log.warn({ code: error.code, ...detail }, `request rejected: ${error.message}`);
      if (typeof reply === 'function') (reply as (ack: Ack<never>) => void)({ ok: false, error });
    };

    socket.onAny((event: string, ...args: unknown[]) => {
      if (event === 'request') return;
      reject(args.at(-1), { code: ErrorCode.UnknownRequest, message: `unknown event "${event.slice(0, 64)}"` }, { event: event.slice(0, 64) });
    });

    socket.on('request', async (raw: unknown, reply: unknown) => {
      if (typeof reply !== 'function') {
        log.warn('request without acknowledgement ignored');
        return;
      }
      if (!limit.take()) return reject(reply, { code: ErrorCode.RateLimited, message: 'too many requests; slow down' }, {});
      const size = Buffer.byteLength(JSON.stringify(raw) ?? '');
      if (size > MAX_REQUEST_BYTES) {
        return reject(reply, { code: ErrorCode.PayloadTooLarge, message: `request of ${size} bytes exceeds ${MAX_REQUEST_BYTES}` }, { size });
      }
      const parsed = clientRequestSchema.safeParse(raw);
      if (!parsed.success) {
        const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type).slice(0, 64) : undefined;
        const known = type !== undefined && type in handlers;
        const issue = parsed.error.issues[0];
        const message = known || type === undefined
          ? `invalid ${type ?? 'request'}: ${issue ? `${issue.path.join('.') || 'payload'} ${issue.message}` : 'bad payload'}`
          : `unknown request type "${type}"`;
        return reject(reply, { code: known || type === undefined ? ErrorCode.BadRequest : ErrorCode.UnknownRequest, message }, { type });
      }
      const request = parsed.data;
      try {
        const handler = handlers[request.type] as (r: typeof request, s: Session, sv: Services) => Promise<unknown>;
        const started = Date.now();
        const data = await handler(request, session, services);
        (reply as (ack: Ack<unknown>) => void)({ ok: true, data });
        log.debug({ type: request.type, participantId: session.participant?.id, ms: Date.now() - started }, 'request handled');
      } catch (error) {
        reject(reply, toProtocolError(error, log), { type: request.type });
      }
    });

    socket.on('disconnect', (reason) => {
      log.info({ reason, participantId: session.participant?.id }, 'signalling connection closed');
      void leaveLesson({ type: 'leaveLesson' }, session, services).catch((error: Error) =>
        log.error({ err: error.message }, 'leaving the lesson failed'),
      );
    });
  });
}

/** A thrown error as the client sees it; mediasoup's TypeErrors are the caller's bad parameters. */
function toProtocolError(error: unknown, log: Services['logger']): ProtocolError {
  if (error instanceof LessonError) return { code: error.code, message: error.message };
  if (error instanceof TypeError) return { code: ErrorCode.BadRequest, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  if (/redis|connection is closed|max retries/i.test(message)) {
    return { code: ErrorCode.Unavailable, message: 'live state store is unavailable; try again shortly' };
  }
  // The worker no longer knows the consumer, producer or transport: it closed between the request and the
  // worker (a sender left while a receiver resumed its picture). Gone, as any later request would be told.
  if (/request handler with ID \S+ not found/.test(message)) {
    return { code: ErrorCode.NotFound, message: 'that track or connection has just closed' };
  }
  log.error({ err: message, stack: error instanceof Error ? error.stack : undefined }, 'request failed');
  return { code: ErrorCode.Internal, message: 'internal error' };
}
