import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { IceServer } from '@shared';
import { newSecret } from '../auth/secrets.js';
import type { Logger } from '../log.js';
import { superviseChild, untilListening } from '../superviseChild.js';
import { iceServersFor, renderTurnConfig, type TurnSettings } from './turnConfig.js';

/** The TURN relay the Tongtang server started for itself, and keeps running. */
export interface OwnTurnServer {
  /** A participant's ICE servers, with credentials of its own valid for 2 h. */
  iceServers(participantId: string): IceServer[];
  stop(): Promise<void>;
}

/** What the relay is started with (config.turn, with the SFU's addresses). */
export interface TurnOptions {
  dataDir: string;
  listenIp: string;
  announcedIp: string;
  port: number;
  tlsPort: number;
  secret: string | null;
  tlsCert: string | null;
  tlsKey: string | null;
}

/**
 * Starts coturn (`turnserver`) with a configuration rendered from
 * turn/turnserver.conf.template into `<dataDir>/turn`, and supervises it: if
 * it dies it is started again with the same configuration, so classrooms
 * behind a firewall that lets only web traffic out get their relay back
 * (their pages' ICE finds it again by itself). A turnserver left behind by a
 * SIGKILLed server is stopped first, so the ports are free.
 */
export async function startTurnServer(options: TurnOptions, logger: Logger): Promise<OwnTurnServer> {
  const dir = join(options.dataDir, 'turn');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pidFile = join(dir, 'turnserver.pid');
  await stopLeftBehind(pidFile);
  const secret = options.secret ?? ownSecret(dir);
  const tls = await certificate(dir, options, logger);
  const settings: TurnSettings = { listenIp: options.listenIp, announcedIp: options.announcedIp, port: options.port, tlsPort: options.tlsPort, secret, ...tls, pidFile };
  const configFile = join(dir, 'turnserver.conf');
  // It holds the secret: readable by the server's user only.
  writeFileSync(configFile, renderTurnConfig(settings), { mode: 0o600 });
  chmodSync(configFile, 0o600);
  const probeHost = options.listenIp === '0.0.0.0' ? '127.0.0.1' : options.listenIp;

  const relay = await superviseChild({ program: 'turnserver', launch: () => launch(configFile, probeHost, options.port), logger });
  logger.info({ pid: relay.pid, port: options.port, tlsPort: options.tlsPort, ip: options.announcedIp }, 'own turnserver running');
  return {
    iceServers: (participantId) => iceServersFor(secret, participantId, options.announcedIp, options.port, options.tlsPort),
    stop: async () => {
      await relay.stop();
      rmSync(pidFile, { force: true });
    },
  };
}

/** The shared secret coturn and this server both hold: created once in `<dataDir>/turn/secret` (mode 0600). */
function ownSecret(dir: string): string {
  const file = join(dir, 'secret');
  if (!existsSync(file)) writeFileSync(file, newSecret(), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

/**
 * The TLS certificate of the relay's TLS port: TURN_TLS_CERT/TURN_TLS_KEY
 * when given, else the web server's own (server.ts passes TLS_CERT's or the
 * own CA's, which terminals already trust), else — only with TLS off — a
 * self-signed one for the announced address made once with openssl (browsers
 * refuse it unless told to trust it: TLS relay then fails and UDP/TCP relay
 * still work). A certificate renewed while the server runs reaches the relay
 * at its next restart.
 */
async function certificate(dir: string, options: TurnOptions, logger: Logger): Promise<{ cert: string; key: string }> {
  if (options.tlsCert && options.tlsKey) return { cert: options.tlsCert, key: options.tlsKey };
  const cert = join(dir, 'self-signed.crt');
  const key = join(dir, 'self-signed.key');
  if (!existsSync(cert) || !existsSync(key)) {
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '825',
      '-subj', '/CN=Tongtang TURN', '-addext', `subjectAltName=IP:${options.announcedIp}`, '-keyout', key, '-out', cert,
    ]);
    chmodSync(key, 0o600);
    logger.warn({ cert }, 'TURN over TLS uses a self-signed certificate (set TURN_TLS_CERT and TURN_TLS_KEY)');
  }
  return { cert, key };
}

/** A turnserver whose pid file is ours and still runs (the server was SIGKILLed): stopped, so its ports are free. */
async function stopLeftBehind(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!command.includes('turnserver') || !command.includes(pidFile.replace(/turnserver\.pid$/, ''))) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (existsSync(`/proc/${pid}`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (existsSync(`/proc/${pid}`)) process.kill(pid, 'SIGKILL');
}

/** One turnserver, resolved once its TCP listener accepts connections. */
function launch(configFile: string, host: string, port: number): Promise<ChildProcess> {
  const child = spawn('turnserver', ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => void (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return untilListening(child, { program: 'turnserver', host, port, where: `on ${host}:${port}`, lastWords: () => tail.trim().split('\n').slice(-3).join(' | ') });
}
