import { describe, expect, it } from 'vitest';
import { addressKind, addressRefusal, isMetadataName } from './addressCheck.js';

describe('the SSRF guard, one address', () => {
  it('lets public IPv4 and IPv6 through', () => {
    for (const address of ['8.8.8.8', '114.114.114.114', '2400:3200::1', '2001:4860:4860::8888']) expect(addressRefusal(address, false), address).toBeNull();
  });

  it('names each kind of IPv4 address a hook may not reach', () => {
    expect(addressKind('127.0.0.1')).toBe('loopback');
    expect(addressKind('127.8.9.10')).toBe('loopback');
    for (const address of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.20', '100.64.0.1']) expect(addressKind(address), address).toBe('private');
    expect(addressKind('169.254.1.1')).toBe('linkLocal');
    expect(addressKind('0.0.0.0')).toBe('unspecified');
    expect(addressKind('224.0.0.251')).toBe('multicast');
    expect(addressKind('255.255.255.255')).toBe('multicast');
    expect(addressKind('192.0.2.10')).toBe('reserved');
    expect(addressKind('240.0.0.1')).toBe('reserved');
  });

  it('names each kind of IPv6 address', () => {
    expect(addressKind('::1')).toBe('loopback');
    expect(addressKind('fd12:3456::1')).toBe('private');
    expect(addressKind('fc00::1')).toBe('private');
    expect(addressKind('fe80::1')).toBe('linkLocal');
    expect(addressKind('::')).toBe('unspecified');
    expect(addressKind('ff02::1')).toBe('multicast');
    // IPv4 carried inside IPv6 (NAT64, 6to4, Teredo) and unicast outside 2000::/3 are not public.
    expect(addressKind('64:ff9b::a00:1')).toBe('reserved');
    expect(addressKind('2002:a00:1::1')).toBe('reserved');
    expect(addressKind('::7f00:1')).toBe('reserved');
  });

  it('judges an IPv4-mapped IPv6 address as the IPv4 address it carries', () => {
    expect(addressKind('::ffff:127.0.0.1')).toBe('loopback');
    expect(addressKind('::ffff:7f00:1')).toBe('loopback');
    expect(addressKind('::ffff:10.0.0.8')).toBe('private');
    expect(addressKind('::ffff:169.254.169.254')).toBe('metadata');
    expect(addressRefusal('::ffff:8.8.8.8', false)).toBeNull();
  });

  it('knows the cloud metadata services by address and by name', () => {
    for (const address of ['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254', 'fd00:ec2:0:0:0:0:0:254', '168.63.129.16']) expect(addressKind(address), address).toBe('metadata');
    for (const name of ['metadata.google.internal', 'METADATA.GOOGLE.INTERNAL.', 'metadata.goog', 'metadata.tencentyun.com', 'instance-data']) expect(isMetadataName(name), name).toBe(true);
    expect(isMetadataName('metadata.example.cn')).toBe(false);
  });

  it('opens loopback, private and link-local for an allowed host, never metadata, unspecified or multicast', () => {
    for (const address of ['127.0.0.1', '::1', '10.0.0.1', 'fd00::5', '169.254.3.4']) expect(addressRefusal(address, true), address).toBeNull();
    for (const address of ['169.254.169.254', 'fd00:ec2::254', '0.0.0.0', '::', '224.0.0.1']) expect(addressRefusal(address, true), address).not.toBeNull();
  });

  it('refuses what is not an address at all', () => {
    expect(addressRefusal('not-an-address', true)).toBe('reserved');
  });
});
