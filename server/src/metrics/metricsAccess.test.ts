import { describe, expect, it } from 'vitest';
import { metricsGate, type Scrape } from './metricsAccess.js';

const local: Scrape = { address: '127.0.0.1', peer: '127.0.0.1', forwarded: false, authorization: undefined };
const token = 'a-long-enough-metrics-token-0123456789';

describe('who may read /metrics', () => {
  const loopbackOnly = metricsGate({ enabled: true, allow: ['127.0.0.1/8', '::1'], token: null });

  it('lets this machine scrape by default, over IPv4, IPv6 and IPv4-mapped IPv6', () => {
    expect(loopbackOnly(local)).toBeNull();
    expect(loopbackOnly({ ...local, address: '::1', peer: '::1' })).toBeNull();
    expect(loopbackOnly({ ...local, address: '::ffff:127.0.0.1', peer: '::ffff:127.0.0.1' })).toBeNull();
  });

  it('refuses any other address, and a request a proxy forwarded that TRUST_PROXY does not name', () => {
    expect(loopbackOnly({ ...local, address: '203.0.113.9', peer: '203.0.113.9' })).toMatchObject({ status: 403 });
    // A local reverse proxy passing on an internet visitor: the peer is loopback, but the request says it was forwarded.
    expect(loopbackOnly({ ...local, forwarded: true })).toMatchObject({ status: 403 });
    // Through a trusted proxy the visitor's own address is checked.
    expect(loopbackOnly({ ...local, forwarded: true, address: '203.0.113.9' })).toMatchObject({ status: 403 });
    expect(loopbackOnly({ ...local, forwarded: true, address: '127.0.0.2' })).toBeNull();
  });

  it('takes a Prometheus on the LAN by its address, with the bearer token when one is set', () => {
    const gate = metricsGate({ enabled: true, allow: ['10.0.0.5'], token });
    const prometheus: Scrape = { address: '10.0.0.5', peer: '10.0.0.5', forwarded: false, authorization: `Bearer ${token}` };
    expect(gate(prometheus)).toBeNull();
    expect(gate({ ...prometheus, authorization: undefined })).toMatchObject({ status: 401 });
    expect(gate({ ...prometheus, authorization: `Bearer ${token}x` })).toMatchObject({ status: 401 });
    expect(gate({ ...prometheus, address: '10.0.0.6', peer: '10.0.0.6' })).toMatchObject({ status: 403 });
  });

  it('answers 404 when metrics are off', () => {
    expect(metricsGate({ enabled: false, allow: ['127.0.0.1'], token: null })(local)).toMatchObject({ status: 404 });
  });
});
