import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { addressRefusal, isMetadataName, mayBeAllowed, type AddressKind } from './addressCheck.js';

/** One answer of a name lookup. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Looks a host name up (the system's resolver in the server; a stub in tests, so no test asks real DNS). */
export type Resolve = (host: string) => Promise<ResolvedAddress[]>;

/** Where a push may go: the address that was checked, which is the one connected to. */
export interface CheckedTarget {
  url: URL;
  /** The URL's host, brackets of an IPv6 literal removed. */
  host: string;
  address: string;
  family: 4 | 6;
}

const kindWords: Record<AddressKind, string> = {
  public: 'a public address',
  loopback: 'loopback (this machine)',
  private: 'a private network',
  linkLocal: 'link-local',
  reserved: 'a reserved range',
  unspecified: 'the unspecified address',
  multicast: 'multicast',
  metadata: 'a cloud metadata service',
};

/** A target the guard refuses; `kind` says why, the message what an admin may do. */
export class TargetRefused extends Error {
  override name = 'TargetRefused';
  constructor(
    readonly host: string,
    readonly kind: AddressKind | 'unresolved',
    message: string,
  ) {
    super(message);
  }
}

/** The system resolver, every address (IPv4 and IPv6) as DNS answers them. */
export const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** A resolver that answers some names from a fixed list (WEBHOOK_RESOLVE, like curl's --resolve) and asks `next` for the rest. */
export function fixedResolve(entries: ReadonlyMap<string, readonly string[]>, next: Resolve = systemResolve): Resolve {
  return async (host) => {
    const fixed = entries.get(host.toLowerCase());
    return fixed ? fixed.map((address) => ({ address, family: ipaddr.parse(address).kind() === 'ipv6' ? 6 : 4 })) : next(host);
  };
}

export const hostOf = (url: URL): string => url.hostname.toLowerCase().replace(/^\[|\]$/g, '');

/**
 * The SSRF guard: resolves the target's host and checks every address it
 * has (one bad answer refuses all: the connection could use any). Runs at
 * registration and again before every attempt, since DNS may change; the
 * sender connects to the address returned here and looks nothing up again,
 * so a rebinding answer cannot slip in between.
 */
export async function checkTarget(rawUrl: string, allowedHosts: ReadonlySet<string>, resolve: Resolve): Promise<CheckedTarget> {
  const url = new URL(rawUrl);
  const host = hostOf(url);
  if (isMetadataName(host)) throw new TargetRefused(host, 'metadata', `${host} is a cloud metadata service: no hook may reach it`);
  let answers: ResolvedAddress[];
  if (ipaddr.isValid(host)) answers = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  else {
    try {
      answers = await resolve(host);
    } catch (error) {
      throw new TargetRefused(host, 'unresolved', `${host} could not be resolved (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  if (answers.length === 0) throw new TargetRefused(host, 'unresolved', `${host} has no address`);
  const allowed = allowedHosts.has(host);
  for (const answer of answers) {
    const refused = addressRefusal(answer.address, allowed);
    if (!refused) continue;
    const advice = mayBeAllowed(refused) ? `; a bureau admin may allow the host ${host} under 推送 → allowed hosts` : '';
    throw new TargetRefused(host, refused, `${host} resolves to ${answer.address}, ${kindWords[refused]}: refused${advice}`);
  }
  return { url, host, address: answers[0]!.address, family: answers[0]!.family };
}
