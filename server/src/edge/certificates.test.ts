import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { defaultLifetimes, ownCredentials, serverNames } from './certificates.js';

const names = { ips: ['10.1.2.3', '127.0.0.1', '192.168.8.20'], dnsNames: ['localhost', 'school-server'] };
const freshDir = (): string => join(mkdtempSync(join(tmpdir(), 'tongtang-tls-')), 'tls');

describe('the server’s own certificate authority', () => {
  it('issues a server certificate for every address and name, signed by a CA of about ten years', async () => {
    const dir = freshDir();
    const issued = await ownCredentials(dir, names);
    const ca = new X509Certificate(issued.ca.pem);
    const server = new X509Certificate(issued.cert);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toBe('IP Address:10.1.2.3, IP Address:127.0.0.1, IP Address:192.168.8.20, DNS:localhost, DNS:school-server');
    for (const ip of names.ips) expect(server.checkIP(ip)).toBe(ip);
    expect(server.checkHost('school-server')).toBe('school-server');
    const years = (cert: X509Certificate): number => (Date.parse(cert.validTo) - Date.now()) / (365 * 86_400_000);
    expect(years(ca)).toBeGreaterThan(9.9);
    expect(years(server)).toBeGreaterThan(0.95);
    expect(years(server)).toBeLessThan(1.01);
    expect(issued.ca.fingerprint256).toBe(ca.fingerprint256);
    expect(new X509Certificate(readFileSync(join(dir, 'ca.pem'))).fingerprint256).toBe(ca.fingerprint256);
  });

  it('keeps the keys readable by the server’s user only', async () => {
    const dir = freshDir();
    await ownCredentials(dir, names);
    expect(statSync(join(dir, 'ca.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'server.key')).mode & 0o777).toBe(0o600);
  });

  it('keeps its certificate across starts, and renews it near expiry or for new addresses, under the same CA', async () => {
    const dir = freshDir();
    const short = { ...defaultLifetimes, serverDays: 40 };
    const first = await ownCredentials(dir, names, short);
    expect(first.renewed).toBe(true);
    const again = await ownCredentials(dir, names, short);
    expect(again.renewed).toBe(false);
    expect(again.cert).toBe(first.cert);

    // Eleven days on, the 40-day certificate has 29 days left: within the 30 days, so it is issued anew.
    const later = await ownCredentials(dir, names, short, new Date(Date.now() + 11 * 86_400_000));
    expect(later.renewed).toBe(true);
    expect(later.cert).not.toBe(first.cert);
    expect(later.ca.fingerprint256).toBe(first.ca.fingerprint256);

    const moved = await ownCredentials(dir, { ...names, ips: [...names.ips, '172.16.0.9'] }, short);
    expect(moved.renewed).toBe(true);
    expect(new X509Certificate(moved.cert).checkIP('172.16.0.9')).toBe('172.16.0.9');
    expect(moved.ca.fingerprint256).toBe(first.ca.fingerprint256);
    expect(statSync(join(dir, 'server.key')).mode & 0o777).toBe(0o600);
  });

  it('is accepted by a TLS client that trusts only that CA', async () => {
    const issued = await ownCredentials(freshDir(), names);
    const server = createServer({ key: issued.key, cert: issued.cert }, (_req, res) => res.end('ok'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    try {
      const handshake = (ca: string | undefined, servername?: string): Promise<string> =>
        new Promise((done) => {
          const socket = connect({ host: '127.0.0.1', port, ...(ca ? { ca } : {}), ...(servername ? { servername } : {}) }, () => {
            socket.end();
            done('trusted');
          });
          socket.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
        });
      expect(await handshake(issued.ca.pem)).toBe('trusted');
      expect(await handshake(issued.ca.pem, 'school-server')).toBe('trusted');
      expect(await handshake(undefined)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    } finally {
      server.close();
    }
  });

  it('names this machine’s LAN addresses, the announced one and the public host', async () => {
    const own = serverNames('10.9.8.7', 'tongtang.school.example');
    expect(own.ips).toContain('127.0.0.1');
    expect(own.ips).toContain('10.9.8.7');
    expect(own.dnsNames).toContain('localhost');
    expect(own.dnsNames).toContain('tongtang.school.example');
  });
});
