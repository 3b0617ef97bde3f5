import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget } from './targetGuard.js';

/** Sends one push and says how the receiver answered; throws on a timeout or a connection error. */
export type PostWebhook = (target: CheckedTarget, headers: Record<string, string>, body: string, timeoutMs: number) => Promise<{ statusCode: number }>;

/** Most of an answer's body that is read (and thrown away): a receiver cannot make the sender hold more. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs to the address the guard checked: the request's `lookup` answers
 * that address whatever the name, so nothing is resolved a second time (DNS
 * rebinding). TLS still checks the certificate against the host name.
 * Redirects are not followed (one could lead around the guard): a 3xx is an
 * answer like any non-2xx, and is tried again.
 */
export const postWebhook: PostWebhook = (target, headers, body, timeoutMs) =>
  new Promise((resolve, reject) => {
    const lookup: LookupFunction = (_host, options, callback) => {
      if (options.all) callback(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const client = target.url.protocol === 'https:' ? https : http;
    const request = client.request(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Tongtang-Webhooks/1', ...headers },
      lookup,
      agent: false,
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('response', (response) => {
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) response.destroy();
      });
      const done = () => {
        clearTimeout(timer);
        resolve({ statusCode: response.statusCode ?? 0 });
      };
      response.on('end', done);
      response.on('close', done);
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
