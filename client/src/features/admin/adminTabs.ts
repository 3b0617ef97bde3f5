import { scopeOf, type Action, type PrincipalRole, type Scope } from '@shared';

/** The admin page's tabs, in the order they are shown. */
export const adminTabIds = ['schools', 'classrooms', 'accounts', 'pairings', 'lessons', 'rubrics', 'ipRules', 'sso', 'webhooks', 'apiKeys', 'audit'] as const;
export type AdminTab = (typeof adminTabIds)[number];

/**
 * The action of the permission table each tab is for, and in which scopes it
 * counts: the lessons tab is the administrators' view of their school's or
 * bureau's lessons; a teacher's own lessons (scope `self`) are on 我的课程.
 */
const tabActions: Record<AdminTab, { action: Action; scopes?: readonly Scope[] }> = {
  schools: { action: 'school.create' },
  classrooms: { action: 'classroom.manage' },
  accounts: { action: 'account.manage' },
  pairings: { action: 'pairing.manage' },
  lessons: { action: 'lesson.read', scopes: ['bureau', 'school'] },
  rubrics: { action: 'rubric.manage' },
  ipRules: { action: 'ipRules.manage' },
  sso: { action: 'sso.manage' },
  webhooks: { action: 'webhook.manage' },
  apiKeys: { action: 'apikey.manage' },
  audit: { action: 'audit.read' },
};

/** The tabs a role sees, read from the one permission table the server checks (a hidden tab's calls would be refused anyway). */
export function tabsFor(role: PrincipalRole): AdminTab[] {
  return adminTabIds.filter((tab) => {
    const { action, scopes } = tabActions[tab];
    const scope = scopeOf(action, role);
    return scope !== null && (!scopes || scopes.includes(scope));
  });
}

/** The tab the address names (`/admin#accounts`), or the first one the role has. */
export function tabFromHash(hash: string, tabs: readonly AdminTab[]): AdminTab | null {
  const named = hash.replace(/^#/, '');
  return tabs.find((tab) => tab === named) ?? tabs[0] ?? null;
}
