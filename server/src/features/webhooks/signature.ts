import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * The signature of a push (header X-Tongtang-Signature): `t=<unix seconds>,v1=<hex>`
 * where v1 is HMAC-SHA256, keyed by the hook's secret, of `${t}.${body}`. The
 * timestamp inside the signed text lets a receiver refuse a replayed push.
 */

/** A new hook's signing secret (shown once): 256 random bits. */
export const newHookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

export const signatureOf = (secret: string, body: string, unixSeconds: number): string =>
  `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;

/** A receiver's check (as in the README): the signature matches and is at most `toleranceSeconds` old. */
export function verifySignature(secret: string, body: string, header: string, nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts['t']);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts['v1']) return false;
  const expected = Buffer.from(signatureOf(secret, body, t).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts['v1'], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
