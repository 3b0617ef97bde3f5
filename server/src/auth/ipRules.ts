import ipaddr from 'ipaddr.js';
import type { IpRules } from '@shared';
import type { Db } from '../db/database.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses a CIDR or a single address; IPv4-mapped IPv6 addresses are compared as IPv4. */
function range(cidr: string): Range {
  if (cidr.includes('/')) {
    const [address, bits] = ipaddr.parseCIDR(cidr);
    return [normal(address), normal(address).kind() === address.kind() ? bits : bits - 96];
  }
  const address = normal(ipaddr.parse(cidr));
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}
const normal = (address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 =>
  address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;

export function inRanges(address: string, cidrs: readonly string[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = normal(ipaddr.parse(address));
  return cidrs.some((cidr) => {
    const [base, bits] = range(cidr);
    return base.kind() === parsed.kind() && parsed.match(base, bits);
  });
}

/**
 * Allow and deny lists of a bureau and of a school. An address is refused if
 * a deny list of either matches it, or if either has an allow list that does
 * not. No lists: every address is allowed.
 */
export class IpRuleStore {
  constructor(private readonly db: Db) {}

  async get(kind: 'bureau' | 'school', id: string): Promise<IpRules> {
    const rows = await this.db.selectFrom('ip_rule').select(['list', 'cidr']).where('scope_kind', '=', kind).where('scope_id', '=', id).execute();
    return { allow: rows.filter((r) => r.list === 'allow').map((r) => r.cidr), deny: rows.filter((r) => r.list === 'deny').map((r) => r.cidr) };
  }

  async set(kind: 'bureau' | 'school', id: string, rules: IpRules): Promise<void> {
    for (const cidr of [...rules.allow, ...rules.deny]) range(cidr); // throws on a bad one before anything changes
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('ip_rule').where('scope_kind', '=', kind).where('scope_id', '=', id).execute();
      const rows = [...rules.allow.map((cidr) => ({ list: 'allow' as const, cidr })), ...rules.deny.map((cidr) => ({ list: 'deny' as const, cidr }))];
      if (rows.length) await tx.insertInto('ip_rule').values(rows.map((r) => ({ scope_kind: kind, scope_id: id, ...r }))).execute();
    });
  }

  /** Why `address` is refused for someone of this bureau and school, or null when it is allowed. */
  async refusal(address: string, bureauId: string | null, schoolId: string | null): Promise<string | null> {
    for (const [kind, id] of [['bureau', bureauId], ['school', schoolId]] as const) {
      if (!id) continue;
      const rules = await this.get(kind, id);
      if (inRanges(address, rules.deny)) return `${address} is on the ${kind}'s deny list`;
      if (rules.allow.length > 0 && !inRanges(address, rules.allow)) return `${address} is not on the ${kind}'s allow list`;
    }
    return null;
  }
}
