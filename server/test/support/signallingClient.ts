import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientRequest, NoticeOf, ServerNotice } from '@shared';

/** A Node signalling client: what a (possibly modified) browser could send. */
export interface RawClient {
  socket: Socket;
  /** Sends anything on the `request` event and returns the reply. */
  send(payload: unknown): Promise<Ack<unknown>>;
  /** Sends a well-formed request and returns its data, failing the test on an error reply. */
  ok<T = unknown>(request: ClientRequest): Promise<T>;
  /** Writes one Socket.IO frame as it is, unencoded: what a hand-written hostile client could send. */
  writeFrame(frame: string | Uint8Array): void;
  /** Closes the connection without a goodbye, as a lost network ends it (the server sees "transport close"). */
  drop(): void;
  /** Every notice received so far, in order. */
  notices: ServerNotice[];
  /** The first notice of `type` from `notices[from]` on, waiting up to `timeoutMs` for it. */
  notice<T extends ServerNotice['type']>(type: T, from?: number, timeoutMs?: number): Promise<NoticeOf<T>>;
  close(): void;
}

/** Connects with an access token (a teacher's, a terminal's…); without one the server refuses the handshake. */
export async function connectClient(url: string, token?: string): Promise<RawClient> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, ...(token ? { auth: { token } } : {}) });
  await new Promise<void>((done, fail) => {
    socket.once('connect', () => done());
    socket.once('connect_error', fail);
  });
  const notices: ServerNotice[] = [];
  socket.on('notice', (notice: ServerNotice) => notices.push(notice));
  const send = (payload: unknown): Promise<Ack<unknown>> => socket.timeout(10_000).emitWithAck('request', payload) as Promise<Ack<unknown>>;
  return {
    socket,
    send,
    async ok<T>(request: ClientRequest): Promise<T> {
      const reply = await send(request);
      if (!reply.ok) throw new Error(`${request.type} failed: ${reply.error.code} ${reply.error.message}`);
      return reply.data as T;
    },
    notices,
    async notice(type, from = 0, timeoutMs = 10_000) {
      for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 50))) {
        const found = notices.slice(from).find((n) => n.type === type);
        if (found) return found as never;
        if (Date.now() > deadline) throw new Error(`no ${type} notice within ${timeoutMs} ms`);
      }
    },
    writeFrame: (frame) => (socket.io.engine as unknown as { write(data: string | Uint8Array): void }).write(frame),
    drop: () => socket.io.engine.close(),
    close: () => void socket.close(),
  };
}

/** RTP parameters a real browser would send for an Opus microphone (enough for mediasoup to create a producer). */
export const opusRtpParameters = (ssrc: number): Record<string, unknown> => ({
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
  headerExtensions: [],
  encodings: [{ ssrc }],
  rtcp: { cname: `test-${ssrc}`, reducedSize: true },
});

/** RTP parameters a real browser would send for a single-layer VP8 video (enough for mediasoup to create a producer). */
export const vp8RtpParameters = (ssrc: number): Record<string, unknown> => ({
  mid: '1',
  codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: [{ type: 'nack' }, { type: 'ccm', parameter: 'fir' }] }],
  headerExtensions: [],
  encodings: [{ ssrc }],
  rtcp: { cname: `test-${ssrc}`, reducedSize: true },
});

/** The clients a test opens, closed together when it ends. */
export function clientPool(url: () => string): { connect(token: string): Promise<RawClient>; closeAll(): void } {
  const clients: RawClient[] = [];
  return {
    async connect(token: string) {
      const client = await connectClient(url(), token);
      clients.push(client);
      return client;
    },
    closeAll: () => clients.forEach((client) => client.close()),
  };
}
