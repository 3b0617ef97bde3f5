import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { isCaPath, serveCa } from './caPage.js';
import { ownCredentials, serverNames, type OwnCa } from './certificates.js';

/** The first byte of a TLS connection: a handshake record. */
const TLS_HANDSHAKE = 0x16;
/** A connection that has not said a byte by then is closed (the HTTP servers' own timeouts start only after the hand-off). */
const FIRST_BYTE_MS = 10_000;
const DAY = 86_400_000;

/** Where browsers reach the server: the server Socket.IO attaches to, and the address to start it on. */
export interface Edge {
  /** The HTTPS server when TLS is active, else the plain HTTP one. */
  server: HttpServer | HttpsServer;
  /** The address this machine reaches the server at (http:// or https://). */
  url: string;
  /** The server's own CA, when its certificate comes from it (not from TLS_CERT). */
  ownCa: OwnCa | null;
  /** Where a terminal that does not trust the CA yet gets it: a plain-HTTP address of /ca. */
  caUrl: string | null;
  /** The PEM files of the certificate it serves (TLS_CERT/TLS_KEY or the own CA's), for the TURN relay's TLS port; null without TLS. */
  certificateFiles: { cert: string; key: string } | null;
  listen(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves `app` as the configuration says: plain HTTP with TLS off; else HTTPS
 * and, on the same port, plain HTTP that redirects to it (the first byte of a
 * connection tells which), with the CA page on both.
 */
export async function openEdge(app: RequestListener, config: Config, logger: Logger): Promise<Edge> {
  const localHost = config.httpHost === '0.0.0.0' ? '127.0.0.1' : config.httpHost;
  if (!config.tls.active) {
    if (config.httpHost !== '127.0.0.1') logger.warn('TLS=off: plain HTTP — browsers give a page the camera only over HTTPS (fine behind a TLS proxy)');
    const http = createHttpServer(app);
    return { server: http, url: `http://${localHost}:${config.httpPort}`, ownCa: null, caUrl: null, certificateFiles: null, listen: () => listenOn(http, config), close: async () => undefined };
  }

  const publicHost = new URL(config.publicUrl).hostname;
  const tlsDir = join(config.dataDir, 'tls');
  const issue = () => ownCredentials(tlsDir, serverNames(config.rtc.announcedIp, publicHost));
  const credentials = config.tls.certFile && config.tls.keyFile ? null : await issue();
  const own = credentials?.ca ?? null;
  if (credentials?.renewed) logger.info({ dir: tlsDir }, 'issued a server certificate from the own CA');
  const key = credentials?.key ?? readPem(config.tls.keyFile!, 'TLS_KEY');
  const cert = credentials?.cert ?? readPem(config.tls.certFile!, 'TLS_CERT');
  const httpsUrl = new URL(config.publicUrl).origin;

  const withCa: RequestListener = own ? (request, response) => (isCaPath(request.url) ? serveCa(own, httpsUrl, request, response) : app(request, response)) : app;
  const https = createHttpsServer({ key, cert }, withCa);
  const redirect = createHttpServer((request: IncomingMessage, response: ServerResponse) => {
    // A terminal that does not trust the CA yet must still be able to fetch it: /ca* answers over plain HTTP too.
    // (A certificate fetched over plain HTTP is checked by its fingerprint, which the page and the start-up output show.)
    if (own && isCaPath(request.url)) return serveCa(own, httpsUrl, request, response);
    const host = /^[\w.:[\]-]+$/.test(request.headers.host ?? '') ? request.headers.host! : `${config.rtc.announcedIp}:${config.httpPort}`;
    response.writeHead(301, { location: `https://${host}${request.url ?? '/'}`, 'content-length': 0, connection: 'close' });
    response.end();
  });
  const sniffer: NetServer = createNetServer((socket) => handOff(socket, https, redirect));

  // A server that runs for months renews its certificate without a restart.
  const renewal = own
    ? setInterval(() => {
        void issue().then(
          (next) => {
            if (!next.renewed) return;
            https.setSecureContext({ key: next.key, cert: next.cert });
            logger.info('renewed the server certificate');
          },
          (error: unknown) => logger.error({ err: (error as Error).message }, 'renewing the server certificate failed'),
        );
      }, DAY).unref()
    : null;

  return {
    server: https,
    url: `https://${localHost}:${config.httpPort}`,
    ownCa: own,
    caUrl: own ? `http://${new URL(config.publicUrl).host}/ca` : null,
    certificateFiles: config.tls.certFile && config.tls.keyFile ? { cert: config.tls.certFile, key: config.tls.keyFile } : { cert: join(tlsDir, 'server.pem'), key: join(tlsDir, 'server.key') },
    listen: () => listenOn(sniffer, config),
    close: () =>
      new Promise<void>((done) => {
        if (renewal) clearInterval(renewal);
        https.closeAllConnections();
        redirect.closeAllConnections();
        sniffer.close(() => done());
      }),
  };
}

/** Peeks at the first byte without consuming it, then gives the connection to the HTTPS or the redirecting HTTP server. */
function handOff(socket: Socket, https: HttpsServer, redirect: HttpServer): void {
  const drop = (): void => void socket.destroy();
  socket.on('error', drop);
  socket.setTimeout(FIRST_BYTE_MS, drop);
  socket.once('readable', () => {
    const first = socket.read(1) as Buffer | null;
    socket.off('error', drop);
    socket.setTimeout(0);
    if (!first) return drop();
    socket.unshift(first);
    (first[0] === TLS_HANDSHAKE ? https : redirect).emit('connection', socket);
  });
}

function readPem(file: string, variable: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function listenOn(server: HttpServer | NetServer, config: Config): Promise<void> {
  const { httpPort: port, httpHost: host } = config;
  return new Promise((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(new Error(error.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use (set PORT)` : error.message)),
    );
    server.listen(port, host, () => done());
  });
}
