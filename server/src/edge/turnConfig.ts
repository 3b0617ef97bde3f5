import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ipaddr from 'ipaddr.js';
import type { IceServer } from '@shared';

const templateFile = fileURLToPath(new URL('../../../turn/turnserver.conf.template', import.meta.url));

/** How long a participant's TURN credentials are valid: a double lesson with room to spare. */
export const TURN_CREDENTIAL_SECONDS = 2 * 3600;

/** Everything the rendered coturn configuration depends on. */
export interface TurnSettings {
  /** Address coturn listens and relays on (the SFU's RTC_LISTEN_IP); 0.0.0.0 means every address. */
  listenIp: string;
  /** The SFU's announced address: coturn's external address, and the only peer the relay may reach. */
  announcedIp: string;
  port: number;
  tlsPort: number;
  secret: string;
  cert: string;
  key: string;
  pidFile: string;
}

/** The coturn configuration file for these settings, from turn/turnserver.conf.template. */
export function renderTurnConfig(settings: TurnSettings, template = readFileSync(templateFile, 'utf8')): string {
  const anyAddress = settings.listenIp === '0.0.0.0';
  const listening = anyAddress
    ? `external-ip=${settings.announcedIp}`
    : [`listening-ip=${settings.listenIp}`, `relay-ip=${settings.listenIp}`, `external-ip=${settings.announcedIp}`].join('\n');
  // coturn refuses loopback peers before it reads allowed-peer-ip; on a one-machine set-up (or a test) whose SFU
  // is on loopback, the deny list above still keeps out every loopback address but the SFU's.
  const loopback = ipaddr.parse(settings.announcedIp).range() === 'loopback';
  const values: Record<string, string> = {
    listening,
    port: String(settings.port),
    tlsPort: String(settings.tlsPort),
    secret: settings.secret,
    cert: settings.cert,
    key: settings.key,
    sfuIp: settings.announcedIp,
    loopbackPeers: loopback ? 'allow-loopback-peers' : '# (the SFU is not on loopback: loopback peers stay refused)',
    totalQuota: '2000',
    pidFile: settings.pidFile,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TypeError(`turn template: unknown placeholder {{${name}}}`);
    if (/[\r\n]/.test(value) && name !== 'listening') throw new TypeError(`turn template: ${name} must be one line`);
    return value;
  });
}

/**
 * TURN REST API credentials (the scheme of coturn's use-auth-secret): the
 * username says until when and for whom, the password is the secret's HMAC of
 * it, so coturn checks them with no call back to this server.
 */
export function turnCredentials(secret: string, participantId: string, nowMs = Date.now()): { username: string; credential: string } {
  const expiry = Math.floor(nowMs / 1000) + TURN_CREDENTIAL_SECONDS;
  const username = `${expiry}:${participantId}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** The TURN URLs a page is given: UDP and TCP on the TURN port, TLS on the TLS port, all at the announced address. */
export function turnUrls(host: string, port: number, tlsPort: number): { udp: string; tcp: string; tls: string } {
  return {
    udp: `turn:${host}:${port}?transport=udp`,
    tcp: `turn:${host}:${port}?transport=tcp`,
    tls: `turns:${host}:${tlsPort}?transport=tcp`,
  };
}

/** One participant's ICE servers: the three TURN URLs with its own credentials. */
export function iceServersFor(secret: string, participantId: string, host: string, port: number, tlsPort: number): IceServer[] {
  const urls = turnUrls(host, port, tlsPort);
  return [{ urls: [urls.udp, urls.tcp, urls.tls], ...turnCredentials(secret, participantId) }];
}
