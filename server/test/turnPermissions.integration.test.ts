import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { renderTurnConfig, turnCredentials } from '../src/edge/turnConfig.js';
import { freeLoopbackPort } from '../src/redis/freePort.js';
import { tryTurn } from './support/turnClient.js';

/*
 * The own TURN relay may reach the SFU and nothing else: a classroom's valid
 * credentials must not turn the relay into a way into the server's own
 * loopback services (Redis, the HTTP port), the school's or the data centre's
 * private networks, or the cloud metadata address. Checked with coturn's own
 * TURN client against the real turnserver, with the configuration the server
 * renders.
 */

const secret = 'turn-permissions-test-secret-0123456789';
const sfuIp = '127.0.0.2';

describe('the TURN relay started by the server', () => {
  let server: ServerProcess;
  let turnPort: number;
  const credentials = turnCredentials(secret, 'classroom:test');
  const attempt = (peer: string, peerPort: number, password = credentials.credential) =>
    tryTurn({ server: sfuIp, port: turnPort, username: credentials.username, password, peer, peerPort });

  beforeAll(async () => {
    turnPort = await freeLoopbackPort();
    server = await startServer({
      env: { TURN: 'on', TURN_PORT: String(turnPort), TURN_TLS_PORT: String(await freeLoopbackPort()), TURN_SECRET: secret, RTC_LISTEN_IP: sfuIp, RTC_ANNOUNCED_IP: sfuIp },
    });
  }, 90_000);
  afterAll(() => server?.stop());

  it('relays to the SFU media port with valid credentials', async () => {
    const result = await attempt(sfuIp, server.rtcPort);
    expect(result.allocated, result.output).toBe(true);
    expect(result.permitted, result.output).toBe(true);
  });

  it('refuses loopback peers: the server itself, its Redis and HTTP ports (403)', async () => {
    const redisPort = (JSON.parse(readFileSync(join(server.dataDir, 'redis', 'redis-server.json'), 'utf8')) as { port: number }).port;
    for (const [peer, port] of [['127.0.0.1', redisPort], ['127.0.0.1', server.port], ['127.0.0.1', server.rtcPort], ['127.0.0.3', 80]] as const) {
      const result = await attempt(peer, port);
      expect(result.allocated, result.output).toBe(true);
      expect(result.refusal, `${peer}:${port}\n${result.output}`).toBe('403 (Forbidden IP)');
      console.log(`TURN refused ${peer}:${port}: ${result.refusal}`);
    }
  });

  it('refuses credentials it did not issue', async () => {
    const result = await attempt(sfuIp, server.rtcPort, Buffer.from('not the hmac').toString('base64'));
    expect(result.allocated, result.output).toBe(false);
  });

  it('is started again when it dies', async () => {
    const pidFile = join(server.dataDir, 'turn', 'turnserver.pid');
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => { try { return Number(readFileSync(pidFile, 'utf8').trim()); } catch { return pid; } }, { timeout: 15_000 }).not.toBe(pid);
    await expect.poll(async () => (await attempt(sfuIp, server.rtcPort)).permitted, { timeout: 15_000 }).toBe(true);
  }, 40_000);
});

/*
 * Private, link-local and metadata peers: inside a network namespace the test
 * creates (its own addresses on its own loopback interface, no route out), a
 * turnserver with the rendered configuration and an echo peer on every
 * address. Only the SFU's address may be reached through the relay.
 */
describe('the TURN relay inside a network namespace with private peers', () => {
  const ns = `tt-turn-${process.pid}`;
  const inNs = ['ip', 'netns', 'exec', ns];
  const sfu = '203.0.113.10';
  const forbidden = ['10.1.2.3', '172.16.5.5', '192.168.7.7', '169.254.169.254', '169.254.10.1', '100.64.1.1', '198.51.100.20', '127.0.0.1'];
  const children: ChildProcess[] = [];
  // A participant of its own per attempt: each holds its allocations until they expire (user-quota).
  const attempt = (peer: string) => {
    const credentials = turnCredentials(secret, `classroom:${peer}`);
    return tryTurn({ server: sfu, port: 3478, username: credentials.username, password: credentials.credential, peer, peerPort: 3480, prefix: inNs });
  };

  beforeAll(async () => {
    const ip = (...args: string[]): void => void execFileSync('ip', args);
    ip('netns', 'add', ns);
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    for (const address of [sfu, ...forbidden.filter((a) => !a.startsWith('127.'))]) ip('-n', ns, 'addr', 'add', `${address}/32`, 'dev', 'lo');
    expect(execFileSync('ip', ['-n', ns, 'route', 'show', 'default']).toString().trim()).toBe('');
    // An echo peer on every address: a refused permission is coturn's doing, not a peer that is not there.
    for (const address of [sfu, ...forbidden]) children.push(spawn('ip', [...inNs.slice(1), 'turnutils_peer', '-L', address, '-p', '3480'], { stdio: 'ignore' }));
    const dir = mkdtempSync(join(tmpdir(), 'tongtang-turn-ns-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=test', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
    const config = join(dir, 'turnserver.conf');
    writeFileSync(config, renderTurnConfig({ listenIp: sfu, announcedIp: sfu, port: 3478, tlsPort: 5349, secret, cert: join(dir, 'c.pem'), key: join(dir, 'k.pem'), pidFile: join(dir, 'pid') }));
    const turnserver = spawn('ip', [...inNs.slice(1), 'turnserver', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    turnserver.stdout.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    turnserver.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    children.push(turnserver);
    const deadline = Date.now() + 10_000;
    while (!execFileSync('ip', [...inNs.slice(1), 'ss', '-ltn']).toString().includes(`${sfu}:3478`)) {
      if (Date.now() > deadline) throw new Error(`turnserver did not listen in the namespace: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 30_000);
  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    try { execFileSync('ip', ['netns', 'pids', ns]).toString().split('\n').filter(Boolean).forEach((pid) => process.kill(Number(pid), 'SIGKILL')); } catch { /* gone */ }
    execFileSync('ip', ['netns', 'delete', ns]);
  });

  it('relays to the SFU: the echo comes back through the relay', async () => {
    const result = await attempt(sfu);
    expect(result.permitted, result.output).toBe(true);
    expect(result.received, result.output).toBeGreaterThan(0);
  });

  it('refuses private, carrier-grade NAT, link-local, metadata, loopback and any other address (403)', async () => {
    for (const peer of forbidden) {
      const result = await attempt(peer);
      expect(result.allocated, result.output).toBe(true);
      expect(result.refusal, `${peer}\n${result.output}`).toBe('403 (Forbidden IP)');
      expect(result.received).toBe(0);
      console.log(`TURN (namespace) refused ${peer}: ${result.refusal}`);
    }
  }, 120_000);
});
