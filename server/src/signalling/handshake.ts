import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'socket.io';
import { ErrorCode, type ClientToServerEvents, type ServerToClientEvents } from '@shared';
import type { Principal } from '../auth/principal.js';
import type { Services } from '../features/context.js';

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

/** The principal and address the handshake established, kept on the socket. */
export interface ConnectionData {
  principal: Principal;
  address: string;
}

/** A refused handshake: Socket.IO hands `message` and `data` to the client's connect_error. */
const refusal = (code: ErrorCode, message: string): Error & { data: { code: ErrorCode } } => Object.assign(new Error(message), { data: { code } });

/**
 * Every signalling connection proves its session at the handshake
 * (`auth.token`, an access token): a stranger never gets a connection to
 * send requests on, let alone media. The address must pass the principal's
 * bureau's and school's IP rules. When a session is revoked (a terminal
 * revoked, an account disabled, a sign-out, a password change) its
 * connections are told why and closed at once, as a goodbye: the
 * participant leaves, nothing of it is kept for a resume.
 */
export function authenticateConnections(io: Io, services: Services, addressOf: (request: IncomingMessage) => string): void {
  const { sessions, ipRules, audit } = services.accounts;
  io.use((socket, next) => {
    const address = addressOf(socket.request);
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.['token'];
    void (async () => {
      const principal = typeof token === 'string' && token.length < 4096 ? await sessions.authenticate(token) : null;
      if (!principal) return next(refusal(ErrorCode.Unauthorized, 'sign in first (no valid session)'));
      if (principal.mustChangePassword) return next(refusal(ErrorCode.PasswordChangeRequired, 'change the password first'));
      const refused = await ipRules.refusal(address, principal.bureauId, principal.schoolId);
      if (refused) {
        audit.record({ actor: principal, action: 'lesson.connect', outcome: 'refused', address, detail: refused });
        return next(refusal(ErrorCode.AddressRefused, 'this network address may not join (IP rules)'));
      }
      (socket.data as ConnectionData) = { principal, address };
      next();
    })().catch((error: unknown) => {
      services.logger.warn({ err: (error as Error).message }, 'handshake check failed');
      next(refusal(ErrorCode.Unavailable, 'the server cannot check the session right now'));
    });
  });

  sessions.on('revoked', (sessionIds, reason) => {
    const revoked = new Set(sessionIds);
    for (const socket of io.of('/').sockets.values() as IterableIterator<Socket<ClientToServerEvents, ServerToClientEvents>>) {
      const data = socket.data as ConnectionData | undefined;
      if (!data || !revoked.has(data.principal.sessionId)) continue;
      socket.emit('notice', { type: 'signedOut', reason });
      socket.disconnect(true);
    }
  });
}
