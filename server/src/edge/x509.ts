import { createPublicKey, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import { isIPv4 } from 'node:net';
// The library's dependency injection (tsyringe) needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/*
 * Issuing the CA and the server certificate with a maintained X.509 library
 * (@peculiar/x509, on Node's WebCrypto): ECDSA P-256, SHA-256. The keys stay
 * Node KeyObjects everywhere else; they cross into WebCrypto here only.
 */
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

const privateCryptoKey = (key: KeyObject): Promise<CryptoKey> =>
  webcrypto.subtle.importKey('pkcs8', key.export({ type: 'pkcs8', format: 'der' }), algorithm, false, ['sign']) as Promise<CryptoKey>;
const publicCryptoKey = (key: KeyObject): Promise<CryptoKey> =>
  webcrypto.subtle.importKey('spki', createPublicKey(key).export({ type: 'spki', format: 'der' }), algorithm, true, ['verify']) as Promise<CryptoKey>;

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

/** A distinguished name the library writes as UTF8String (Chinese names are fine). */
const name = (commonName: string, organization: string): x509.JsonName => [{ CN: [commonName] }, { O: [organization] }];

/** Issues one certificate; returns it as DER. `signingKey` is the issuer's private key (the subject's own for a root). */
export async function issueCertificate(request: CertificateRequest, signingKey: KeyObject): Promise<Buffer> {
  const issuer = request.issuer ?? { commonName: request.commonName, organization: request.organization, privateKey: signingKey };
  const subjectPublic = await publicCryptoKey(request.publicKey);
  const issuerPublic = await publicCryptoKey(issuer.privateKey);
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const usage = x509.KeyUsageFlags;
  const extensions: x509.Extension[] = request.role.ca
    ? [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(usage.keyCertSign | usage.cRLSign | usage.digitalSignature, true)]
    : [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usage.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(request.role.altNames.map((entry): x509.JsonGeneralName => ({ type: isIPv4(entry) ? 'ip' : 'dns', value: entry }))),
      ];
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(subjectPublic));
  extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuerPublic));
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial.toString('hex'),
    subject: name(request.commonName, request.organization),
    issuer: name(issuer.commonName, issuer.organization),
    notBefore: request.notBefore,
    notAfter: request.notAfter,
    signingAlgorithm: algorithm,
    publicKey: subjectPublic,
    signingKey: await privateCryptoKey(signingKey),
    extensions,
  });
  return Buffer.from(certificate.rawData);
}

/** PEM armour of a DER certificate. */
export const certificatePem = (der: Buffer): string =>
  `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
