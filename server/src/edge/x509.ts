import { createHash, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIPv4 } from 'node:net';

/*
 * Just enough X.509 to issue a CA and a server certificate: DER written by
 * hand (RFC 5280), ECDSA P-256 keys and signatures from Node's crypto, and
 * Node's X509Certificate to read the result back. No X.509 library is in the
 * project's dependencies yet; this module is the one place to swap for one.
 */

const tlv = (tag: number, content: Buffer): Buffer => {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : n < 0x10000 ? Buffer.from([0x82, n >> 8, n & 0xff]) : null;
  if (!length) throw new RangeError('DER value too long');
  return Buffer.concat([Buffer.from([tag]), length, content]);
};
const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const explicit = (n: number, content: Buffer): Buffer => tlv(0xa0 + n, content);
const boolean = (value: boolean): Buffer => tlv(0x01, Buffer.from([value ? 0xff : 0]));
const octets = (content: Buffer): Buffer => tlv(0x04, content);
const utf8 = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));
/** A BIT STRING of whole bytes, or of named bits (`unused` trailing bits of the last byte). */
const bits = (content: Buffer, unused = 0): Buffer => tlv(0x03, Buffer.concat([Buffer.from([unused]), content]));

/** An INTEGER from unsigned big-endian bytes, or a small number (0–127). */
function integer(value: Buffer | number): Buffer {
  let bytes = typeof value === 'number' ? Buffer.from([value & 0x7f]) : value;
  while (bytes.length > 1 && bytes[0] === 0 && bytes[1]! < 0x80) bytes = bytes.subarray(1);
  // A leading 1 bit would make it negative.
  if (bytes[0]! >= 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const out = [first! * 40 + second!];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), 'ascii')) : tlv(0x18, Buffer.from(iso, 'ascii'));
}

const name = (commonName: string, organization: string): Buffer =>
  sequence(set(sequence(oid('2.5.4.10'), utf8(organization))), set(sequence(oid('2.5.4.3'), utf8(commonName))));

const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  sequence(oid(id), ...(critical ? [boolean(true)] : []), octets(value));

const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));

/** The key identifier of a public key: SHA-1 of its SubjectPublicKeyInfo (RFC 7093 §2 allows this). */
const keyId = (publicKey: KeyObject): Buffer => createHash('sha1').update(publicKey.export({ type: 'spki', format: 'der' })).digest();

function subjectAltName(names: string[]): Buffer {
  return sequence(
    ...names.map((entry) =>
      isIPv4(entry) ? tlv(0x87, Buffer.from(entry.split('.').map(Number))) : tlv(0x82, Buffer.from(entry, 'ascii')),
    ),
  );
}

/** What a certificate says and who signs it. */
export interface CertificateRequest {
  /** The key the certificate certifies (a private key stands for its public half). */
  publicKey: KeyObject;
  commonName: string;
  organization: string;
  notBefore: Date;
  notAfter: Date;
  /** A CA (may sign certificates) or a TLS server certificate for `altNames` (IPv4 addresses and DNS names). */
  role: { ca: true } | { ca: false; altNames: string[] };
  /** The signer: the CA's key and name, or nothing for a self-signed CA. */
  issuer?: { privateKey: KeyObject; commonName: string; organization: string };
}

/** Issues one certificate; returns it as DER. `signingKey` is the issuer's private key (the subject's own for a root). */
export function issueCertificate(request: CertificateRequest, signingKey: KeyObject): Buffer {
  const issuer = request.issuer ?? { commonName: request.commonName, organization: request.organization, privateKey: signingKey };
  const issuerPublic = createPublicKey(issuer.privateKey);
  const subjectPublic = createPublicKey(request.publicKey);
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const extensions =
    request.role.ca
      ? [
          extension('2.5.29.19', true, sequence(boolean(true), integer(0))),
          // keyCertSign and cRLSign (and digitalSignature): bits 0, 5, 6.
          extension('2.5.29.15', true, bits(Buffer.from([0x86]), 1)),
        ]
      : [
          extension('2.5.29.19', true, sequence()),
          extension('2.5.29.15', true, bits(Buffer.from([0x80]), 7)),
          extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
          extension('2.5.29.17', false, subjectAltName(request.role.altNames)),
        ];
  extensions.push(extension('2.5.29.14', false, octets(keyId(subjectPublic))));
  extensions.push(extension('2.5.29.35', false, sequence(tlv(0x80, keyId(issuerPublic)))));
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(serial),
    ecdsaWithSha256,
    name(issuer.commonName, issuer.organization),
    sequence(time(request.notBefore), time(request.notAfter)),
    name(request.commonName, request.organization),
    subjectPublic.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  );
  return sequence(tbs, ecdsaWithSha256, bits(sign('sha256', tbs, signingKey)));
}

/** PEM armour of a DER certificate. */
export const certificatePem = (der: Buffer): string =>
  `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
