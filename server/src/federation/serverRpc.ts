import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ErrorCode, LessonError, type ProtocolError } from '@shared';
import type { Logger } from '../log.js';

/** A call another server must answer within this, or it is taken for unreachable. */
const CALL_TIMEOUT_MS = 5000;

const channelOf = (serverId: string): string => `rpc:${serverId}`;

type Method = (params: Record<string, unknown>, from: string) => Promise<unknown>;

interface Call {
  kind: 'call';
  id: string;
  from: string;
  method: string;
  params: Record<string, unknown>;
}

interface Reply {
  kind: 'reply';
  id: string;
  ok: boolean;
  result?: unknown;
  error?: ProtocolError;
}

/**
 * Calls between the Tongtang servers sharing one Redis (issue 18): each
 * listens on `rpc:<its id>`, a call is published to the callee's channel and
 * its reply to the caller's. Redis pub/sub is fire-and-forget, so every call
 * has a deadline (a callee that died mid-call fails the call, UNAVAILABLE)
 * and callees treat a call as a request to be checked like any client's:
 * a server only ever asks for what its own pages asked it.
 */
export class ServerRpc {
  private readonly methods = new Map<string, Method>();
  private readonly pending = new Map<string, { done: (reply: Reply) => void; timer: NodeJS.Timeout }>();

  constructor(
    private readonly publisher: Redis,
    readonly serverId: string,
    private readonly logger: Logger,
  ) {}

  /** The channel this server's calls and replies arrive on. */
  get channel(): string {
    return channelOf(this.serverId);
  }

  handle(method: string, answer: Method): void {
    this.methods.set(method, answer);
  }

  /** Calls `method` on server `to`; rejects with the callee's LessonError, or UNAVAILABLE when it does not answer in time. */
  async call<T>(to: string, method: string, params: Record<string, unknown>): Promise<T> {
    const id = randomUUID();
    const reply = new Promise<Reply>((done) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        done({ kind: 'reply', id, ok: false, error: { code: ErrorCode.Unavailable, message: `server ${to} did not answer ${method}` } });
      }, CALL_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { done, timer });
    });
    const call: Call = { kind: 'call', id, from: this.serverId, method, params };
    await this.publisher.publish(channelOf(to), JSON.stringify(call));
    const answer = await reply;
    if (!answer.ok) throw new LessonError(answer.error?.code ?? ErrorCode.Internal, answer.error?.message ?? 'the other server failed');
    return answer.result as T;
  }

  /** A message on this server's channel (the subscriber hands it over). */
  receive(raw: string): void {
    let message: Call | Reply;
    try {
      message = JSON.parse(raw) as Call | Reply;
    } catch {
      return;
    }
    if (message.kind === 'reply') {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      clearTimeout(waiting.timer);
      this.pending.delete(message.id);
      waiting.done(message);
      return;
    }
    if (message.kind === 'call') void this.answer(message);
  }

  private async answer(call: Call): Promise<void> {
    const method = this.methods.get(call.method);
    let reply: Reply;
    try {
      if (!method) throw new LessonError(ErrorCode.UnknownRequest, `no server method ${call.method}`);
      reply = { kind: 'reply', id: call.id, ok: true, result: await method(call.params ?? {}, call.from) };
    } catch (error) {
      const known = error instanceof LessonError;
      if (!known) this.logger.error({ method: call.method, from: call.from, err: (error as Error).message }, 'a call from another server failed');
      reply = { kind: 'reply', id: call.id, ok: false, error: known ? { code: error.code, message: error.message } : { code: ErrorCode.Internal, message: 'internal error' } };
    }
    await this.publisher.publish(channelOf(call.from), JSON.stringify(reply)).catch(() => undefined);
  }
}
