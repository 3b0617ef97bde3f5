import type { Server } from 'socket.io';
import {
  clientRequestSchema,
  ErrorCode,
  lessonRequests,
  LessonError,
  type Ack,
  type ClientToServerEvents,
  type ProtocolError,
  type ServerToClientEvents,
} from '@shared';
import { keepPlace, leave } from '../features/join/leaveLesson.js';
import type { Logger } from '../log.js';
import { Session, type HandlerTable, type Services } from '../features/context.js';
import { payloadProblem } from './payloadShape.js';
import { RateLimit } from '../lesson/RateLimit.js';
import { AddressLogs } from './rejectionLog.js';
import type { ConnectionData } from './handshake.js';

type Reply = (ack: Ack<unknown>) => void;

/**
 * Accepts signalling connections. Every inbound message is bounded (depth,
 * values, bytes) and parsed against the shared schema before anything
 * touches mediasoup; a bad one gets a typed error reply and changes nothing.
 * Every path runs inside one error boundary: nothing a client sends can end
 * the process, and what is rejected is logged a few times a minute per
 * connection, then counted.
 */
export function acceptSignalling(
  io: Server<ClientToServerEvents, ServerToClientEvents>,
  handlers: HandlerTable,
  services: Services,
): void {
  const addressLogs = new AddressLogs(services.logger);
  io.on('connection', (socket) => {
    // The handshake (handshake.ts) put the connection's principal here; no connection is accepted without one.
    const { principal } = socket.data as ConnectionData;
    const session = new Session(socket, principal);
    const limit = new RateLimit(50, 200);
    const log = services.logger.child({ socketId: socket.id, address: (socket.data as ConnectionData).address });
    const rejections = addressLogs.of((socket.data as ConnectionData).address);
    // Once joined, the connection's lines carry the lesson's id, so one lesson's story can be read out of the log.
    let lessonLog: { lessonId: string; log: Logger } | null = null;
    const logNow = (): Logger => {
      const lessonId = session.lesson?.record.id;
      if (!lessonId) return log;
      if (lessonLog?.lessonId !== lessonId) lessonLog = { lessonId, log: log.child({ lessonId }) };
      return lessonLog.log;
    };

    const reject = (reply: unknown, error: ProtocolError, detail: Record<string, unknown>): void => {
      rejections.reject({ socketId: socket.id, code: error.code, ...detail }, `request rejected: ${error.message}`);
      if (typeof reply === 'function') (reply as Reply)({ ok: false, error });
    };

    const serve = async (raw: unknown, reply: unknown): Promise<void> => {
      if (typeof reply !== 'function') {
        return reject(undefined, { code: ErrorCode.BadRequest, message: 'request without acknowledgement ignored' }, {});
      }
      if (!limit.take()) return reject(reply, { code: ErrorCode.RateLimited, message: 'too many requests; slow down' }, {});
      const problem = payloadProblem(raw);
      if (problem) return reject(reply, problem, {});
      const parsed = clientRequestSchema.safeParse(raw);
      if (!parsed.success) return reject(reply, schemaError(raw, parsed.error.issues[0], handlers), { type: typeOf(raw) });
      const request = parsed.data;
      // The permission table first: a request of a role that may not send it changes nothing.
      const roles = lessonRequests[request.type];
      if (roles) {
        const role = session.participant?.view.role;
        if (!role) return reject(reply, { code: ErrorCode.NotJoined, message: 'join the lesson first' }, { type: request.type });
        if (!roles.includes(role)) return reject(reply, { code: ErrorCode.Forbidden, message: `a ${role} may not ${request.type}` }, { type: request.type });
      }
      try {
        const handler = handlers[request.type] as (r: typeof request, s: Session, sv: Services) => Promise<unknown>;
        const started = Date.now();
        const data = await handler(request, session, services);
        (reply as Reply)({ ok: true, data });
        // After a join, the page has its snapshot: what happened since may now be told.
        session.participant?.releaseNotices();
        logNow().debug({ type: request.type, participantId: session.participant?.id, ms: Date.now() - started }, 'request handled');
      } catch (error) {
        reject(reply, toProtocolError(error, logNow(), request.type), { type: request.type });
      }
    };

    socket.on('request', (raw: unknown, reply: unknown) => {
      serve(raw, reply).catch((error: unknown) => logNow().error({ err: describe(error) }, 'request boundary caught an error'));
    });

    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (event === 'request') return;
      const name = typeof event === 'string' ? event.slice(0, 64) : typeof event;
      reject(args.at(-1), { code: ErrorCode.UnknownRequest, message: `unknown event "${name}"` }, { event: name });
    });

    // A frame the bounded parser refused (too deep, binary): Socket.IO closes the connection after this.
    socket.on('error', (error: Error) => rejections.reject({ socketId: socket.id, err: error.message.slice(0, 120) }, 'connection closed for a hostile frame'));

    socket.on('disconnect', (reason) => {
      // A participant's connection is worth a line; one that never joined (a stranger, a probe) only at debug level.
      const participantId = session.participant?.id;
      if (participantId) logNow().info({ reason, participantId }, 'signalling connection closed');
      else log.debug({ reason }, 'signalling connection closed');
      session.precheck?.close();
      // A page that closed says goodbye (the client disconnects): it leaves now. A connection lost to the
      // network keeps its place for a while, so the page can take it back with its media (断网续传).
      const goodbye = reason === 'client namespace disconnect' || reason === 'server namespace disconnect' || reason === 'server shutting down';
      session
        .serial(async () => (goodbye ? leave(session, services) : keepPlace(session, services)))
        .catch((error: unknown) => logNow().error({ err: describe(error) }, 'leaving the lesson failed'));
    });
  });
}

function typeOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('type' in raw)) return undefined;
  const type = (raw as { type: unknown }).type;
  return typeof type === 'string' ? type.slice(0, 64) : undefined;
}

/** A schema failure as the client sees it: an unknown type is UNKNOWN_REQUEST, anything else BAD_REQUEST. */
function schemaError(raw: unknown, issue: { path: PropertyKey[]; message: string } | undefined, handlers: HandlerTable): ProtocolError {
  const type = typeOf(raw);
  if (type !== undefined && !(type in handlers)) return { code: ErrorCode.UnknownRequest, message: `unknown request type "${type}"` };
  const where = issue ? `${issue.path.map(String).join('.') || 'payload'} ${issue.message}` : 'bad payload';
  return { code: ErrorCode.BadRequest, message: `invalid ${type ?? 'request'}: ${where}` };
}

/**
 * A thrown error as the client sees it. Domain errors carry their code
 * (mediasoup's TypeErrors about a client's own parameters and a store that is
 * down are typed where they arise); anything else is the server's own bug:
 * INTERNAL, logged with its stack.
 */
function toProtocolError(error: unknown, log: Logger, type: string): ProtocolError {
  if (error instanceof LessonError) return { code: error.code, message: error.message };
  log.error({ type, err: describe(error), stack: error instanceof Error ? error.stack : undefined }, 'request failed');
  return { code: ErrorCode.Internal, message: 'internal error' };
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 500);
