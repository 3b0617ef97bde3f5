import { describe, expect, it } from 'vitest';
import { accountFromDraft, type AccountDraft } from './accountDraft';

const draft: AccountDraft = { name: ' 王丽 ', login: 'wangli', role: 'teacher', schoolId: 'chengguan', staffNumber: ' T-0231 ', phone: '' };

describe('a new account from the form', () => {
  it('trims what was typed and leaves empty fields out', () => {
    expect(accountFromDraft(draft)).toEqual({
      account: { login: 'wangli', name: '王丽', role: 'teacher', schoolId: 'chengguan', staffNumber: 'T-0231' },
      problems: {},
    });
  });

  it('asks for a staff number or a phone number (real name)', () => {
    const { account, problems } = accountFromDraft({ ...draft, staffNumber: '' });
    expect(account).toBeNull();
    expect(problems).toEqual({ realName: 'admin.accounts.problem.realName' });
  });

  it('names each bad field at once', () => {
    const { problems } = accountFromDraft({ ...draft, login: 'wang li', name: '', phone: 'call me', schoolId: '' });
    expect(problems).toMatchObject({
      login: 'admin.accounts.problem.login',
      name: 'admin.accounts.problem.name',
      phone: 'admin.accounts.problem.phone',
      schoolId: 'admin.accounts.problem.school',
    });
  });

  it('gives a bureau admin no school', () => {
    expect(accountFromDraft({ ...draft, role: 'bureauAdmin' }).account).toEqual({ login: 'wangli', name: '王丽', role: 'bureauAdmin', staffNumber: 'T-0231' });
  });
});
