import { describe, expect, it } from 'vitest';
import { tabFromHash, tabsFor } from './adminTabs';

describe('the admin tabs a role sees', () => {
  it('gives a bureau admin every tab', () => {
    expect(tabsFor('bureauAdmin')).toEqual(['schools', 'classrooms', 'accounts', 'pairings', 'lessons', 'rubrics', 'ipRules', 'sso', 'webhooks', 'apiKeys', 'audit']);
  });

  it('leaves creating schools, pairing them and single sign-on to the bureau', () => {
    expect(tabsFor('schoolAdmin')).toEqual(['classrooms', 'accounts', 'lessons', 'rubrics', 'ipRules', 'webhooks', 'apiKeys', 'audit']);
  });

  it('gives no tab to people who administer nothing (a teacher’s own lessons are on 我的课程)', () => {
    for (const role of ['teacher', 'assistant', 'observer', 'terminal', 'guest'] as const) expect(tabsFor(role), role).toEqual([]);
  });

  it('opens the tab the address names, if the role has it', () => {
    const tabs = tabsFor('schoolAdmin');
    expect(tabFromHash('#audit', tabs)).toBe('audit');
    expect(tabFromHash('#sso', tabs)).toBe('classrooms');
    expect(tabFromHash('', tabs)).toBe('classrooms');
    expect(tabFromHash('', [])).toBeNull();
  });
});
