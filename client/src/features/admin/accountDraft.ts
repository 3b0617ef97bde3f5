import { newAccountSchema, type AccountRole } from '@shared';
import type { z } from 'zod';
import type { AdminKey } from './adminMessages';

/** The new-account form as typed. */
export interface AccountDraft {
  name: string;
  login: string;
  role: AccountRole;
  schoolId: string;
  staffNumber: string;
  phone: string;
}

export type AccountField = 'name' | 'login' | 'schoolId' | 'staffNumber' | 'phone';
export type NewAccount = z.input<typeof newAccountSchema>;

const fieldProblems: Record<AccountField, AdminKey> = {
  name: 'admin.accounts.problem.name',
  login: 'admin.accounts.problem.login',
  schoolId: 'admin.accounts.problem.school',
  staffNumber: 'admin.accounts.problem.staffNumber',
  phone: 'admin.accounts.problem.phone',
};

/**
 * The body of `POST /api/accounts` from the form, checked with the server's
 * own schema first so the admin sees every problem at once, beside its field.
 * Real name: a staff number or a phone number is required; a school-level
 * role needs its school (a bureau admin has none).
 */
export function accountFromDraft(draft: AccountDraft): { account: NewAccount | null; problems: Partial<Record<AccountField | 'realName', AdminKey>> } {
  const atSchool = draft.role !== 'bureauAdmin';
  const account: NewAccount = {
    login: draft.login.trim(),
    name: draft.name.trim(),
    role: draft.role,
    ...(atSchool && draft.schoolId ? { schoolId: draft.schoolId } : {}),
    ...(draft.staffNumber.trim() ? { staffNumber: draft.staffNumber.trim() } : {}),
    ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
  };
  const problems: Partial<Record<AccountField | 'realName', AdminKey>> = {};
  if (atSchool && !draft.schoolId) problems.schoolId = fieldProblems.schoolId;
  const checked = newAccountSchema.safeParse(account);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path[0];
      if (field === undefined) problems.realName = 'admin.accounts.problem.realName';
      else if (typeof field === 'string' && field in fieldProblems) problems[field as AccountField] = fieldProblems[field as AccountField];
    }
  }
  return { account: Object.keys(problems).length === 0 ? account : null, problems };
}
