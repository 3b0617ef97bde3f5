import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** What coturn answered a real TURN client (turnutils_uclient) that asked for a relay and a permission to one peer. */
export interface TurnAttempt {
  allocated: boolean;
  /** The permission to the peer was granted. */
  permitted: boolean;
  /** coturn's refusal, e.g. `403 (Forbidden IP)`, or null. */
  refusal: string | null;
  /** Packets echoed back by the peer through the relay. */
  received: number;
  output: string;
}

/**
 * Asks `server:port` for an allocation with the given credentials, then for a
 * permission (CreatePermission, `-s`) to `peer:peerPort` and sends it two
 * packets. `prefix` runs the client elsewhere (`ip netns exec <ns>`).
 */
export async function tryTurn(options: {
  server: string;
  port: number;
  username: string;
  password: string;
  peer: string;
  peerPort: number;
  prefix?: string[];
}): Promise<TurnAttempt> {
  const args = ['-v', '-s', '-c', '-n', '2', '-u', options.username, '-w', options.password, '-p', String(options.port), '-e', options.peer, '-r', String(options.peerPort), options.server];
  const [command, ...rest] = [...(options.prefix ?? []), 'turnutils_uclient', ...args];
  const output = await promisify(execFile)(command!, rest, { timeout: 20_000 }).then(
    ({ stdout, stderr }) => stdout + stderr,
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
  const refusal = /create permission error (\d{3} \([^)]*\))/.exec(output)?.[1] ?? null;
  const permitted = new RegExp(`create perm sent: ${options.peer.replace(/\./g, '\\.')}:${options.peerPort}\\s*\\n[^\\n]*cp response received: \\s*\\n[^\\n]*success`).test(output);
  // The last running total is the final one.
  const received = Number([...output.matchAll(/tot_recv_msgs=(\d+)/g)].at(-1)?.[1] ?? 0);
  return { allocated: /Received relay addr/.test(output), permitted, refusal, received, output };
}
