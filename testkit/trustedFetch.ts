import { request } from 'node:https';
import { Readable } from 'node:stream';

/*
 * The tests' fetch. Node's own fetch trusts only the system's CAs, fixed when
 * the process starts; a test server with TLS=on issues its certificate from a
 * CA it created a moment ago. Requests to a server whose CA a test trusts go
 * through node:https with that CA (and no other); all others through fetch.
 */

const authorities = new Map<string, string>();

/** From now on, requests to `origin` (https://host:port) trust `caPem` only. */
export function trustServerCa(origin: string, caPem: string): void {
  authorities.set(new URL(origin).origin, caPem);
}

/** fetch, with the CA that `trustServerCa` gave for the address's origin. */
export async function serverFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const target = new URL(url);
  const ca = authorities.get(target.origin);
  if (!ca) return fetch(url, init);
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : null;
  if (body === null) throw new TypeError('serverFetch sends string bodies only');
  return new Promise((done, fail) => {
    const outgoing = request(target, { method: init.method ?? 'GET', headers, ca, ...(init.signal ? { signal: init.signal } : {}) }, (incoming) => {
      const status = incoming.statusCode ?? 500;
      const replyHeaders = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) replyHeaders.append(name, one);
      }
      const stream = [204, 205, 304].includes(status) ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
      done(new Response(stream, { status, statusText: incoming.statusMessage ?? '', headers: replyHeaders }));
    });
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}
