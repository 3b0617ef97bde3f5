import { passwordSchema } from '@shared';
import type { LoginKey } from './loginMessages';

export interface PasswordChange {
  current: string;
  next: string;
  again: string;
}

/** What is wrong with a password change before it is sent (the server's own rule, `passwordSchema`, decides the length), or null. */
export function passwordProblem({ current, next, again }: PasswordChange): LoginKey | null {
  const checked = passwordSchema.safeParse(next);
  if (!checked.success) return next.length < 10 ? 'password.tooShort' : 'password.tooLong';
  if (next !== again) return 'password.mismatch';
  if (next === current) return 'password.unchanged';
  return null;
}
