import ipaddr from 'ipaddr.js';

/*
 * The SSRF guard's rule for one address: a hook may reach the public
 * internet; loopback, private and link-local networks only on a host a
 * bureau admin allowed; cloud metadata, unspecified, multicast never.
 */

/** What an address is, for the guard. */
export type AddressKind = 'public' | 'loopback' | 'private' | 'linkLocal' | 'reserved' | 'unspecified' | 'multicast' | 'metadata';

/** Kinds an admin's allowance of the host opens; the others stay closed whatever is allowed. */
const allowable: ReadonlySet<AddressKind> = new Set(['loopback', 'private', 'linkLocal', 'reserved']);

/**
 * Cloud and hosting metadata services, which hand out credentials to whoever
 * asks from inside: AWS/GCP/Azure/Huawei, AWS ECS and IPv6, Alibaba, Tencent,
 * Oracle, Azure's wire server (a public-looking address).
 */
const metadataAddresses = new Set(['169.254.169.254', '169.254.170.2', '169.254.0.23', '100.100.100.200', '192.0.0.192', '168.63.129.16', 'fd00:ec2::254']);
const metadataNames = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'metadata.tencentyun.com', 'instance-data', 'instance-data.ec2.internal', 'metadata.azure.internal']);

/** Global unicast IPv6 is 2000::/3; ipaddr.js calls everything it has no name for `unicast`. */
const globalUnicast6 = ipaddr.parseCIDR('2000::/3');

const kinds4: Record<string, AddressKind> = {
  unicast: 'public',
  loopback: 'loopback',
  private: 'private',
  carrierGradeNat: 'private',
  linkLocal: 'linkLocal',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'multicast',
};
const kinds6: Record<string, AddressKind> = {
  unicast: 'public',
  loopback: 'loopback',
  uniqueLocal: 'private',
  deprecatedSiteLocal: 'private',
  linkLocal: 'linkLocal',
  unspecified: 'unspecified',
  multicast: 'multicast',
};

/** The kind of an IPv4 or IPv6 address; an IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries. */
export function addressKind(address: string): AddressKind {
  if (!ipaddr.isValid(address)) return 'reserved';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (metadataAddresses.has(parsed.toNormalizedString()) || metadataAddresses.has(parsed.toString())) return 'metadata';
  if (parsed.kind() === 'ipv4') return kinds4[parsed.range()] ?? 'reserved';
  const kind = kinds6[parsed.range()] ?? 'reserved';
  // NAT64, 6to4 and Teredo carry an IPv4 address and are `reserved` by range; so is unicast outside 2000::/3.
  return kind === 'public' && !(parsed as ipaddr.IPv6).match(globalUnicast6) ? 'reserved' : kind;
}

/** A metadata service's host name (refused before it is even resolved). */
export const isMetadataName = (host: string): boolean => metadataNames.has(host.toLowerCase().replace(/\.$/, ''));

/** Why a hook may not connect to this address, or null when it may; `hostAllowed`: a bureau admin allowed the host. */
export function addressRefusal(address: string, hostAllowed: boolean): AddressKind | null {
  const kind = addressKind(address);
  if (kind === 'public') return null;
  // What is not an address at all is never opened by an allowance.
  if (!ipaddr.isValid(address)) return kind;
  return hostAllowed && allowable.has(kind) ? null : kind;
}

/** Whether an allowance could open this kind (loopback, private, link-local), for the refusal's message. */
export const mayBeAllowed = (kind: AddressKind): boolean => allowable.has(kind);
