import { io, type Socket } from 'socket.io-client';
import {
  LessonError,
  REQUEST_TIMEOUT_MS,
  ErrorCode,
  type ClientToServerEvents,
  type RequestOf,
  type RequestType,
  type ResponseMap,
  type ServerToClientEvents,
} from '@shared';

export type LessonSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Opens the signalling connection; Socket.IO reconnects on its own after a network loss. */
export function openSocket(): LessonSocket {
  return io({ path: '/socket.io', reconnectionDelay: 500, reconnectionDelayMax: 3000 });
}

/** Sends one request and resolves with its data, or rejects with a LessonError carrying the server's code. */
export async function request<T extends RequestType>(socket: LessonSocket, message: RequestOf<T>): Promise<ResponseMap[T]> {
  let reply;
  try {
    reply = await socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck('request', message);
  } catch {
    throw new LessonError(ErrorCode.Unavailable, `no reply to ${message.type} within ${REQUEST_TIMEOUT_MS} ms`);
  }
  if (!reply.ok) throw new LessonError(reply.error.code, reply.error.message);
  return reply.data as ResponseMap[T];
}
