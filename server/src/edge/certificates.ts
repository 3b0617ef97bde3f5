import { createPrivateKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { certificatePem, issueCertificate } from './x509.js';

const DAY = 86_400_000;
const ORGANIZATION = '同堂 Tongtang';

/** How long what we issue lasts, and when the server certificate is renewed. */
export interface Lifetimes {
  caDays: number;
  serverDays: number;
  /** The server certificate is issued anew at start when it expires within this many days. */
  renewWithinDays: number;
}

/** About 10 years for the CA a school trusts once; about a year for the server certificate (renewed by itself). */
export const defaultLifetimes: Lifetimes = { caDays: 3650, serverDays: 365, renewWithinDays: 30 };

/** The server's own certificate authority, as the /ca page offers it. */
export interface OwnCa {
  pem: string;
  der: Buffer;
  /** SHA-256 of the DER, as `AB:CD:…` — what a browser's certificate viewer shows. */
  fingerprint256: string;
}

/** The key and certificate to serve, and the CA that signed them. */
export interface ServerCredentials {
  key: string;
  cert: string;
  ca: OwnCa;
  /** Whether this start issued a new server certificate (first start, near expiry, or new addresses). */
  renewed: boolean;
}

/** The addresses and names a server certificate must cover. */
export interface CertificateNames {
  ips: string[];
  dnsNames: string[];
}

/**
 * What a classroom computer may type or be sent: every non-internal IPv4
 * address of this machine, the announced one, loopback, `localhost` and the
 * host name (plus a PUBLIC_URL's host).
 */
export function serverNames(announcedIp: string, publicHost: string | null): CertificateNames {
  const ips = new Set<string>(['127.0.0.1', announcedIp]);
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) ips.add(address.address);
  }
  const dnsNames = new Set<string>(['localhost', hostname().toLowerCase()]);
  if (publicHost) (/^\d+\.\d+\.\d+\.\d+$/.test(publicHost) ? ips : dnsNames).add(publicHost.toLowerCase());
  return { ips: [...ips].sort(), dnsNames: [...dnsNames].filter(Boolean).sort() };
}

const files = (dir: string) => ({
  caKey: join(dir, 'ca.key'),
  caCert: join(dir, 'ca.pem'),
  serverKey: join(dir, 'server.key'),
  serverCert: join(dir, 'server.pem'),
});

/** Written whole or not at all (a crash mid-write must not leave half a key), readable by the server's user only if secret. */
function writeAtomically(file: string, content: string, secret: boolean): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, content, { mode: secret ? 0o600 : 0o644 });
  if (secret) chmodSync(partial, 0o600);
  renameSync(partial, file);
}

const newKey = (): { privateKey: KeyObject; pem: string } => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};

/** The names a certificate covers, in the order serverNames gives them. */
function coveredNames(cert: X509Certificate): CertificateNames {
  const entries = (cert.subjectAltName ?? '').split(',').map((entry) => entry.trim());
  return {
    ips: entries.filter((e) => e.startsWith('IP Address:')).map((e) => e.slice('IP Address:'.length)).sort(),
    dnsNames: entries.filter((e) => e.startsWith('DNS:')).map((e) => e.slice('DNS:'.length)).sort(),
  };
}

const sameNames = (a: CertificateNames, b: CertificateNames): boolean =>
  a.ips.join() === b.ips.join() && a.dnsNames.join() === b.dnsNames.join();

async function loadCa(dir: string, lifetimes: Lifetimes, now: Date): Promise<{ key: KeyObject; cert: X509Certificate }> {
  const paths = files(dir);
  if (existsSync(paths.caKey) && existsSync(paths.caCert)) {
    const cert = new X509Certificate(readFileSync(paths.caCert));
    // An expired CA is replaced (every terminal must then trust the new one); a valid one is kept for its ten years.
    if (new Date(cert.validTo).getTime() > now.getTime()) return { key: createPrivateKey(readFileSync(paths.caKey)), cert };
  }
  const key = newKey();
  const der = await issueCertificate(
    {
      publicKey: key.privateKey,
      commonName: `同堂 Tongtang CA (${hostname()})`,
      organization: ORGANIZATION,
      notBefore: new Date(now.getTime() - DAY),
      notAfter: new Date(now.getTime() + lifetimes.caDays * DAY),
      role: { ca: true },
    },
    key.privateKey,
  );
  writeAtomically(paths.caKey, key.pem, true);
  writeAtomically(paths.caCert, certificatePem(der), false);
  return { key: key.privateKey, cert: new X509Certificate(der) };
}

/**
 * The server's TLS credentials from its own CA in `dir` (DATA_DIR/tls): the CA
 * is created on first start; the server certificate is issued on first start
 * and again whenever it expires within `renewWithinDays`, covers other names
 * than `names`, or was not signed by the CA there now.
 */
export async function ownCredentials(dir: string, names: CertificateNames, lifetimes: Lifetimes = defaultLifetimes, now = new Date()): Promise<ServerCredentials> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const paths = files(dir);
  const ca = await loadCa(dir, lifetimes, now);
  let renewed = false;
  const current = existsSync(paths.serverKey) && existsSync(paths.serverCert) ? new X509Certificate(readFileSync(paths.serverCert)) : null;
  const fresh =
    current !== null &&
    new Date(current.validTo).getTime() - now.getTime() > lifetimes.renewWithinDays * DAY &&
    sameNames(coveredNames(current), names) &&
    current.checkIssued(ca.cert) &&
    current.verify(ca.cert.publicKey);
  if (!fresh) {
    const key = newKey();
    const der = await issueCertificate(
      {
        publicKey: key.privateKey,
        commonName: hostname(),
        organization: ORGANIZATION,
        notBefore: new Date(now.getTime() - DAY),
        notAfter: new Date(now.getTime() + lifetimes.serverDays * DAY),
        role: { ca: false, altNames: [...names.ips, ...names.dnsNames] },
        issuer: { privateKey: ca.key, commonName: ca.cert.subject.match(/CN=(.*)/)?.[1] ?? '', organization: ORGANIZATION },
      },
      ca.key,
    );
    writeAtomically(paths.serverKey, key.pem, true);
    writeAtomically(paths.serverCert, certificatePem(der), false);
    renewed = true;
  }
  for (const secret of [paths.caKey, paths.serverKey]) chmodSync(secret, 0o600);
  return {
    key: readFileSync(paths.serverKey, 'utf8'),
    cert: readFileSync(paths.serverCert, 'utf8'),
    ca: { pem: ca.cert.toString(), der: ca.cert.raw, fingerprint256: ca.cert.fingerprint256 },
    renewed,
  };
}
