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
import { accessToken } from '../auth/session';
import { dispatchNotice } from './notices';

/** A signalling connection typed by the protocol in shared/. */
export type LessonSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens a signalling connection; Socket.IO reconnects on its own after a
 * network loss. Attempts come at most a second apart, each given up after
 * 3 s: an attempt started while the network was down waits on TCP's SYN
 * back-off (up to several seconds) after it is back, so a fresh attempt
 * soon after is what brings a classroom back within a second or so.
 */
export function openSocket(): LessonSocket {
  return io({
    path: '/socket.io',
    reconnectionDelay: 300,
    reconnectionDelayMax: 1000,
    randomizationFactor: 0.3,
    timeout: 3000,
    // Asked again at every (re)connection, so a reconnect after an hour carries a fresh token. A page whose
    // session is gone connects without one and the server refuses it plainly (connect_error UNAUTHORIZED).
    auth: (give: (data: object) => void) => void accessToken().then((token) => give({ token }), () => give({})),
  });
}

/** Sends one request and resolves with its data, or rejects with a LessonError carrying the server's code. */
export async function request<T extends RequestType>(socket: LessonSocket, message: RequestOf<T>): Promise<ResponseMap[T]> {
  // Socket.IO would buffer it until the connection is back and send it then, before the page has its place
  // back: a hand raised in the dark is refused now, plainly, instead of arriving late or failing later.
  if (!socket.connected) throw new LessonError(ErrorCode.Unavailable, `not connected; ${message.type} not sent`);
  let reply;
  try {
    reply = await socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck('request', message);
  } catch {
    throw new LessonError(ErrorCode.Unavailable, `no reply to ${message.type} within ${REQUEST_TIMEOUT_MS} ms`);
  }
  if (!reply.ok) throw new LessonError(reply.error.code, reply.error.message);
  return reply.data as ResponseMap[T];
}

/** The lesson page's one signalling connection: every feature sends and listens through it. */
let lessonSocket: LessonSocket | null = null;

/** Opens the lesson page's connection (once per page) and routes its notices to the features that registered for them. */
export function connectToLesson(): LessonSocket {
  if (lessonSocket) return lessonSocket;
  lessonSocket = openSocket();
  lessonSocket.on('notice', dispatchNotice);
  return lessonSocket;
}

/** Sends a request on the lesson's connection; rejects when the page has not opened it. */
export function send<T extends RequestType>(message: RequestOf<T>): Promise<ResponseMap[T]> {
  if (!lessonSocket) return Promise.reject(new LessonError(ErrorCode.Unavailable, 'not connected to the lesson'));
  return request(lessonSocket, message);
}

/** Whether the lesson's connection is up now (a report due every few seconds is skipped while it is down). */
export const lessonConnected = (): boolean => lessonSocket?.connected ?? false;
