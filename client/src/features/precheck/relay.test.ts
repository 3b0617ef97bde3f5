import { describe, expect, it } from 'vitest';
import { relayPorts, relayWays } from './relay';

const servers = [{ urls: ['turn:10.0.0.5:3478?transport=udp', 'turn:10.0.0.5:3478?transport=tcp', 'turns:10.0.0.5:5349?transport=tcp'], username: 'u', credential: 'c' }];

describe('the relay step of the pre-class check', () => {
  it('tries each of the relay’s ways in on its own, UDP first, with the credentials kept', () => {
    const ways = relayWays(servers);
    expect(ways.map((w) => w.kind)).toEqual(['udp', 'tcp', 'tls']);
    expect(ways[2]!.server).toEqual({ urls: ['turns:10.0.0.5:5349?transport=tcp'], username: 'u', credential: 'c' });
  });

  it('names the relay’s ports for the network administrator, and nothing without a relay', () => {
    expect(relayPorts(servers)).toBe('UDP/TCP 3478、TLS 5349');
    expect(relayPorts([])).toBeNull();
    expect(relayWays([])).toEqual([]);
  });
});
