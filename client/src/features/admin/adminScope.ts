import type { Me, School } from '@shared';

/** What every tab works within: who administers, and the schools in their scope (the server filtered them). */
export interface AdminScope {
  me: Me;
  schools: School[];
  /** Whether `schools` has been read (an empty list then means there are none). */
  schoolsReady: boolean;
  /** After a school was created. */
  reloadSchools(): void;
}

/** The school a school-level tab starts on: the admin's own, else the first of the bureau's. */
export function firstSchool(scope: AdminScope): string {
  return scope.me.schoolId ?? scope.schools[0]?.id ?? '';
}
