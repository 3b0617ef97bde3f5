import type { Terminal } from '@shared';

/**
 * Where a terminal stands, as its admin needs to know it: 停用 for good,
 * 在用 once its classroom's computer has opened the link, or a link still
 * waiting to be opened (or left unopened until it expired: issue a new one).
 */
export type TerminalState = 'revoked' | 'active' | 'waitingForLink' | 'linkExpired';

export function terminalState(terminal: Pick<Terminal, 'revokedAt' | 'lastSeenAt' | 'linkExpiresAt'>, now: number): TerminalState {
  if (terminal.revokedAt !== null) return 'revoked';
  if (terminal.lastSeenAt !== null) return 'active';
  return terminal.linkExpiresAt !== null && terminal.linkExpiresAt > now ? 'waitingForLink' : 'linkExpired';
}
