import { describe, expect, it } from 'vitest';
import { terminalState } from './terminalState';

const now = 1_750_000_000_000;

describe('what the admin sees of a terminal', () => {
  it('is revoked for good, whatever else it has', () => {
    expect(terminalState({ revokedAt: now - 1, lastSeenAt: now - 5, linkExpiresAt: now + 1000 }, now)).toBe('revoked');
  });

  it('is in use once its computer has been seen', () => {
    expect(terminalState({ revokedAt: null, lastSeenAt: now - 60_000, linkExpiresAt: null }, now)).toBe('active');
  });

  it('waits for its link to be opened until the link expires', () => {
    expect(terminalState({ revokedAt: null, lastSeenAt: null, linkExpiresAt: now + 60_000 }, now)).toBe('waitingForLink');
    expect(terminalState({ revokedAt: null, lastSeenAt: null, linkExpiresAt: now - 1 }, now)).toBe('linkExpired');
    expect(terminalState({ revokedAt: null, lastSeenAt: null, linkExpiresAt: null }, now)).toBe('linkExpired');
  });
});
