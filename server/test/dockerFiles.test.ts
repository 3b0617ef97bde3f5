import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSchema, loadConfig } from '../src/config.js';

/*
 * docker/ can be built and run only where a container engine is; none runs
 * here. So its files are checked as far as can be without one: Debian's
 * docker-compose validates the compose file (`config`, which needs no
 * engine), every setting it gives a Tongtang server is one the server knows
 * and accepts, and the Dockerfile builds with the same set-up script and
 * starts with the same start script as `npm start`, exposing the ports the
 * server's defaults use.
 */
const root = join(import.meta.dirname, '../..');
const dockerfile = readFileSync(join(root, 'docker/Dockerfile'), 'utf8');
const secret = 'x0123456789abcdef0123456789abcdef';

/** The compose file as docker-compose resolves it with a filled-in env file (the example's, secrets set). */
function resolvedCompose(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tongtang-compose-'));
  const envFile = join(dir, '.env');
  writeFileSync(envFile, readFileSync(join(root, 'docker/env.example'), 'utf8').replace(/^([A-Z_]+)=$/gm, `$1=${secret}`));
  return execFileSync('docker-compose', ['--env-file', envFile, '-f', join(root, 'docker/compose.yaml'), '--profile', 'second', 'config'], { encoding: 'utf8' });
}

/** One service's `environment` block, from docker-compose's normalised output (two-space indents, sorted keys). */
function environmentOf(compose: string, service: string): Record<string, string> {
  const block = new RegExp(`^  ${service}:\\n(?:    .*\\n|    \\n)*?    environment:\\n((?:      .*\\n)+)`, 'm').exec(compose)?.[1];
  if (!block) throw new Error(`no environment for ${service}`);
  return Object.fromEntries(block.trimEnd().split('\n').map((line) => {
    const [, name, value] = /^ {6}([A-Z0-9_]+): (.*)$/.exec(line)!;
    return [name!, value!.replace(/^'(.*)'$/, '$1')];
  }));
}

/** The Dockerfile's instructions, continuation lines joined. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => ({ op: line.split(/\s+/, 1)[0]!, args: line.slice(line.indexOf(' ') + 1).trim() }));

describe('docker/ files', () => {
  it('the compose file is valid for docker-compose, and refuses to resolve without its secrets', () => {
    const compose = resolvedCompose();
    expect(compose).toMatch(/^services:/);
    const unset = spawnSync('docker-compose', ['-f', join(root, 'docker/compose.yaml'), 'config', '-q'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(unset.status).not.toBe(0);
    expect(unset.stderr).toMatch(/set .* in docker\/\.env/);
  });

  it('gives each Tongtang server only settings the server knows, which it accepts, sharing Redis and a server id of its own', () => {
    const compose = resolvedCompose();
    const known = new Set(Object.keys((configSchema.in as unknown as z.ZodObject).shape));
    const servers = ['tongtang', 'tongtang-2'].map((service) => environmentOf(compose, service));
    for (const env of servers) {
      expect([...Object.keys(env)].filter((name) => !known.has(name))).toEqual([]);
      // Loads as the server would load it: a wrong port, address or short secret throws here.
      const config = loadConfig(env);
      expect(config.redisUrl).toMatch(/^redis:\/\/:.+@redis:6379$/);
    }
    const [first, second] = servers.map((env) => loadConfig(env));
    expect(first!.serverId).not.toBe(second!.serverId);
    expect(first!.httpPort).not.toBe(second!.httpPort);
    expect(first!.rtc.firstPort).not.toBe(second!.rtc.firstPort);
  });

  it('the Dockerfile builds with the set-up script and starts with the start script, on Node 20 and Debian 12', () => {
    const from = instructions.find((i) => i.op === 'FROM')!.args;
    expect(from).toMatch(/^node:20-bookworm/);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node).toMatch(/^>=20\./);
    expect(instructions.filter((i) => i.op === 'RUN').map((i) => i.args).join(' ')).toContain('bash scripts/setup.sh');
    expect(instructions.at(-1)).toEqual({ op: 'CMD', args: '["bash", "scripts/start.sh"]' });
    expect(instructions.map((i) => i.op).filter((op) => !['FROM', 'ENV', 'WORKDIR', 'COPY', 'RUN', 'USER', 'VOLUME', 'EXPOSE', 'CMD'].includes(op))).toEqual([]);
    // The build context leaves out what the set-up makes itself.
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.git', 'client/dist']));
  });

  it('exposes the ports the server listens on by default', () => {
    const defaults = loadConfig({ RTC_ANNOUNCED_IP: '192.168.1.10' });
    const exposed = instructions.filter((i) => i.op === 'EXPOSE').flatMap((i) => i.args.split(/\s+/));
    const workers = Number(environmentOf(resolvedCompose(), 'tongtang').WORKERS);
    const mediaPorts = `${defaults.rtc.firstPort}-${defaults.rtc.firstPort + workers - 1}`;
    expect(exposed).toEqual(expect.arrayContaining([`${defaults.httpPort}/tcp`, `${mediaPorts}/udp`, `${mediaPorts}/tcp`, '3478/udp', '3478/tcp', '5349/tcp']));
  });
});
