import { oidcSettingsSchema, type OidcSettings } from '@shared';
import type { z } from 'zod';
import type { AdminKey } from './adminMessages';

/** One line of a mapping table: the platform's value and what it means here (a school id, a role). */
export interface MappingRow {
  value: string;
  target: string;
}

/** The 单点登录 form as typed. */
export interface SsoDraft {
  issuer: string;
  clientId: string;
  /** Empty: keep the secret already saved (the server never sends it back). */
  clientSecret: string;
  schoolClaim: string;
  roleClaim: string;
  schools: MappingRow[];
  roles: MappingRow[];
}

export type SsoField = 'issuer' | 'clientId' | 'clientSecret' | 'schoolClaim' | 'roleClaim' | 'schools' | 'roles';
type SavedSettings = Omit<OidcSettings, 'clientSecret'>;

const blankRow = (): MappingRow => ({ value: '', target: '' });

/** The form for saved settings (or a blank one), with one empty line at the end of each table to type into. */
export function draftFromSettings(saved: SavedSettings | null): SsoDraft {
  const rows = (record: Record<string, string> | undefined) => [...Object.entries(record ?? {}).map(([value, target]) => ({ value, target })), blankRow()];
  return {
    issuer: saved?.issuer ?? '',
    clientId: saved?.clientId ?? '',
    clientSecret: '',
    schoolClaim: saved?.schoolClaim ?? 'school',
    roleClaim: saved?.roleClaim ?? 'role',
    schools: rows(saved?.schools),
    roles: rows(saved?.roles),
  };
}

/** A mapping table as the record the server stores, or the problem with it: a half-filled line, or one platform value twice. */
function recordOf(rows: readonly MappingRow[]): { record: Record<string, string>; problem: AdminKey | null } {
  const record: Record<string, string> = {};
  for (const row of rows) {
    const value = row.value.trim();
    if (!value && !row.target) continue;
    if (!value || !row.target) return { record, problem: 'admin.sso.problem.incompleteRow' };
    if (Object.hasOwn(record, value)) return { record, problem: 'admin.sso.problem.duplicateValue' };
    record[value] = row.target;
  }
  return { record, problem: null };
}

const fieldProblems: Partial<Record<SsoField, AdminKey>> = {
  issuer: 'admin.sso.problem.issuer',
  clientId: 'admin.sso.problem.clientId',
  clientSecret: 'admin.sso.problem.clientSecret',
  schoolClaim: 'admin.sso.problem.claim',
  roleClaim: 'admin.sso.problem.claim',
  schools: 'admin.sso.problem.mapping',
  roles: 'admin.sso.problem.mapping',
};

/**
 * The body of `POST /api/bureaus/:id/sso`, checked with the server's schema,
 * or every problem beside its field. The secret is needed the first time
 * only; after that an empty field keeps the one saved.
 */
export function settingsFromDraft(draft: SsoDraft, secretSaved: boolean): { settings: z.input<typeof oidcSettingsSchema> | null; problems: Partial<Record<SsoField, AdminKey>> } {
  const problems: Partial<Record<SsoField, AdminKey>> = {};
  if (!secretSaved && !draft.clientSecret) problems.clientSecret = 'admin.sso.problem.secretRequired';
  const schools = recordOf(draft.schools);
  const roles = recordOf(draft.roles);
  if (schools.problem) problems.schools = schools.problem;
  if (roles.problem) problems.roles = roles.problem;
  const settings = {
    issuer: draft.issuer.trim(),
    clientId: draft.clientId.trim(),
    ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
    schoolClaim: draft.schoolClaim.trim(),
    roleClaim: draft.roleClaim.trim(),
    schools: schools.record,
    roles: roles.record as z.input<typeof oidcSettingsSchema>['roles'],
  };
  const checked = oidcSettingsSchema.safeParse(settings);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path[0] as SsoField | undefined;
      const problem = field && fieldProblems[field];
      if (problem && !problems[field]) problems[field] = problem;
    }
  }
  return { settings: Object.keys(problems).length === 0 ? settings : null, problems };
}
