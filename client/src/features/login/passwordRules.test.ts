import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwordRules';

describe('a new password, checked before it is sent', () => {
  it('needs at least 10 characters, as the server does', () => {
    expect(passwordProblem({ current: 'old-pass-1', next: '123456789', again: '123456789' })).toBe('password.tooShort');
    expect(passwordProblem({ current: 'old-pass-1', next: '1234567890', again: '1234567890' })).toBeNull();
    expect(passwordProblem({ current: 'x', next: 'a'.repeat(257), again: 'a'.repeat(257) })).toBe('password.tooLong');
  });

  it('must be typed the same twice and differ from the current one', () => {
    expect(passwordProblem({ current: 'old-pass-1', next: 'new-pass-12', again: 'new-pass-13' })).toBe('password.mismatch');
    expect(passwordProblem({ current: 'same-pass-1', next: 'same-pass-1', again: 'same-pass-1' })).toBe('password.unchanged');
  });

  it('takes a long Chinese passphrase without composition rules', () => {
    expect(passwordProblem({ current: 'old-pass-1', next: '山坪村小学四年级的春天', again: '山坪村小学四年级的春天' })).toBeNull();
  });
});
