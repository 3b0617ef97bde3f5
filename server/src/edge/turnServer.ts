import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { IceServer } from '@shared';
import { newSecret } from '../auth/secrets.js';
import type { Logger } from '../log.js';
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

/** Pauses before restarting a turnserver that exited, as for the own redis-server. */
const RESTART_DELAYS_MS = [1000, 2000, 5000];

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

  let child = await launch(configFile, probeHost, options.port);
  let stopping = false;
  let restarts = 0;
  const supervise = (running: ChildProcess): void => {
    const startedAt = Date.now();
    running.once('exit', (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt > 60_000) restarts = 0;
      const delayMs = RESTART_DELAYS_MS[Math.min(restarts++, RESTART_DELAYS_MS.length - 1)]!;
      logger.error({ code, signal, delayMs }, 'own turnserver exited; restarting it');
      setTimeout(() => void restart(), delayMs);
    });
  };
  const restart = async (): Promise<void> => {
    if (stopping) return;
    try {
      child = await launch(configFile, probeHost, options.port);
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'restarting the own turnserver failed; trying again');
      setTimeout(() => void restart(), RESTART_DELAYS_MS.at(-1));
      return;
    }
    if (stopping) return void stopChild(child);
    logger.info({ pid: child.pid }, 'own turnserver restarted');
    supervise(child);
  };
  supervise(child);
  logger.info({ pid: child.pid, port: options.port, tlsPort: options.tlsPort, ip: options.announcedIp }, 'own turnserver running');

  // A server that exits without stopping it (process.exit anywhere) takes the relay with it.
  const stopWithUs = (): void => void child.kill('SIGTERM');
  process.once('exit', stopWithUs);
  return {
    iceServers: (participantId) => iceServersFor(secret, participantId, options.announcedIp, options.port, options.tlsPort),
    stop: async () => {
      stopping = true;
      process.off('exit', stopWithUs);
      await stopChild(child);
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
async function launch(configFile: string, host: string, port: number): Promise<ChildProcess> {
  const child = spawn('turnserver', ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => void (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await new Promise<void>((ready, fail) => {
      const exited = (code: number | null): void => fail(new Error(`turnserver exited with code ${code}: ${tail.trim().split('\n').slice(-3).join(' | ')}`));
      child.once('error', (error) => fail(new Error(`cannot start turnserver: ${error.message}`)));
      child.once('exit', exited);
      const deadline = Date.now() + 10_000;
      const poll = (): void => {
        const probe = new Socket();
        probe.once('connect', () => {
          probe.destroy();
          child.off('exit', exited);
          ready();
        });
        probe.once('error', () => {
          probe.destroy();
          if (Date.now() > deadline) fail(new Error(`turnserver did not listen on ${host}:${port} within 10 s`));
          else setTimeout(poll, 50);
        });
        probe.connect(port, host);
      };
      poll();
    });
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
