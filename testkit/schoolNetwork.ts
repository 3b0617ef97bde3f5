import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One port a school's firewall drops, both ways, to and from the server's address. */
export interface BlockedPort {
  protocol: 'udp' | 'tcp';
  port: number;
}

const run = (command: string, args: string[], input?: string): string =>
  execFileSync(command, args, { encoding: 'utf8', stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], ...(input === undefined ? {} : { input }) });

/** The /30 subnets 10.231.<n>.0/30 some interface of this host already uses (another test's school). */
function takenSubnets(): Set<number> {
  const taken = new Set<number>();
  for (const match of run('ip', ['-4', '-o', 'addr', 'show']).matchAll(/inet 10\.231\.(\d+)\./g)) taken.add(Number(match[1]));
  return taken;
}

/**
 * A school's computer on its own network: a network namespace
 * `tt-school-<pid>` joined to the host by a veth pair (host 10.231.<n>.1/30,
 * school .2/30) and no other route, so nothing it sends leaves the machine.
 * Its firewall is an nftables table of the namespace's own, hooked on the
 * school's end of the veth (netdev ingress and egress): dropped packets
 * vanish on the wire, as at a school's firewall, instead of failing the
 * sending socket at once as an output-chain drop would (EPERM).
 */
export class SchoolNetwork {
  private closed = false;

  private constructor(
    /** The namespace's name. */
    readonly name: string,
    /** The host's end: the address the server listens on and announces. */
    readonly hostIp: string,
    /** The school computer's address. */
    readonly schoolIp: string,
    private readonly hostLink: string,
    private readonly schoolLink: string,
  ) {}

  /** Creates the namespace and its link to the host; `close()` removes both (call it even when a test failed). */
  static open(): SchoolNetwork {
    const taken = takenSubnets();
    const subnet = [...Array(250).keys()].map((i) => ((process.pid + i) % 250) + 1).find((n) => !taken.has(n));
    if (subnet === undefined) throw new Error('no free 10.231.<n>.0/30 subnet for a school network');
    const network = new SchoolNetwork(`tt-school-${process.pid}`, `10.231.${subnet}.1`, `10.231.${subnet}.2`, `tts${process.pid}h`, `tts${process.pid}s`);
    try {
      network.create();
    } catch (error) {
      network.close();
      throw error;
    }
    return network;
  }

  private create(): void {
    run('ip', ['netns', 'add', this.name]);
    run('ip', ['link', 'add', this.hostLink, 'type', 'veth', 'peer', 'name', this.schoolLink]);
    run('ip', ['link', 'set', this.schoolLink, 'netns', this.name]);
    run('ip', ['addr', 'add', `${this.hostIp}/30`, 'dev', this.hostLink]);
    run('ip', ['link', 'set', this.hostLink, 'up']);
    run('ip', ['-n', this.name, 'addr', 'add', `${this.schoolIp}/30`, 'dev', this.schoolLink]);
    run('ip', ['-n', this.name, 'link', 'set', this.schoolLink, 'up']);
    run('ip', ['-n', this.name, 'link', 'set', 'lo', 'up']);
  }

  /** Sets the school's firewall: exactly these ports of the host's address are dropped (an empty list opens everything). */
  firewall(blocked: BlockedPort[]): void {
    this.openFirewall();
    if (blocked.length === 0) return;
    const rules = (direction: 'daddr' | 'saddr', port: 'dport' | 'sport'): string =>
      blocked.map((b) => `    ip ${direction} ${this.hostIp} ${b.protocol} ${port} ${b.port} counter drop`).join('\n');
    const chain = (hook: 'egress' | 'ingress', direction: 'daddr' | 'saddr', port: 'dport' | 'sport'): string =>
      `  chain ${hook} {\n    type filter hook ${hook} device "${this.schoolLink}" priority 0; policy accept;\n${rules(direction, port)}\n  }`;
    run('ip', ['netns', 'exec', this.name, 'nft', '-f', '-'], `table netdev tongtang_school {\n${chain('egress', 'daddr', 'dport')}\n${chain('ingress', 'saddr', 'sport')}\n}\n`);
  }

  /** How many packets the firewall dropped so far, school → server (the rules' counters). */
  droppedOutgoing(): number {
    const ruleset = run('ip', ['netns', 'exec', this.name, 'nft', 'list', 'ruleset']);
    const egress = /chain egress \{[^}]*\}/.exec(ruleset)?.[0] ?? '';
    return [...egress.matchAll(/counter packets (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  }

  /** Removes the firewall's table. */
  openFirewall(): void {
    if (run('ip', ['netns', 'exec', this.name, 'nft', 'list', 'tables']).includes('tongtang_school')) {
      run('ip', ['netns', 'exec', this.name, 'nft', 'delete', 'table', 'netdev', 'tongtang_school']);
    }
  }

  /**
   * Writes into `dir` an executable that runs Debian's Chromium inside the
   * namespace, for Playwright's `executablePath` (its pipe to the browser is
   * inherited through `ip netns exec`).
   */
  chromiumLauncher(dir: string): string {
    const file = join(dir, 'chromium-in-school');
    writeFileSync(file, `#!/bin/sh\nexec ip netns exec '${this.name}' /usr/bin/chromium "$@"\n`);
    chmodSync(file, 0o755);
    return file;
  }

  /** Deletes the firewall, the namespace and the veth pair (its host end goes with it). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const quietly = (args: string[]): void => {
      try {
        run('ip', args);
      } catch {
        // not created, or already gone
      }
    };
    quietly(['netns', 'exec', this.name, 'nft', 'delete', 'table', 'netdev', 'tongtang_school']);
    quietly(['netns', 'delete', this.name]);
    quietly(['link', 'delete', this.hostLink]);
  }
}
