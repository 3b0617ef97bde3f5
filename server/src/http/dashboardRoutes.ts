import { dashboardQuerySchema, dashboardSchema, ErrorCode, LessonError, scopeOf } from '@shared';
import { schools } from '../db/organisation.js';
import { dashboardOf } from '../features/dashboard/dashboardOf.js';
import type { ApiRoute } from './apiRoute.js';
import { bureauOf, schoolFor } from './scopes.js';

/**
 * 数据看板: `GET /api/dashboard?week=YYYY-MM-DD[&schoolId=…]`. A bureau's
 * admin sees every school of her bureau (or the one asked for); a school's
 * admin her own school only. A school of another bureau is refused.
 */
const dashboard: ApiRoute = {
  method: 'get',
  path: '/dashboard',
  action: 'dashboard.read',
  summary: 'A week of lessons by form and school, the paired lessons that did not happen, participation per school and quality per day.',
  query: dashboardQuerySchema,
  response: dashboardSchema,
  async run({ services, principal, query }) {
    const parsed = dashboardQuerySchema.safeParse(query);
    if (!parsed.success) throw new LessonError(ErrorCode.BadRequest, 'week is a date YYYY-MM-DD, schoolId a school id');
    const { week, schoolId } = parsed.data;
    const bureauId = bureauOf(principal);
    let shown = (await schools(services.db, bureauId)).map((s) => ({ schoolId: s.id, schoolName: s.name, schoolKind: s.kind }));
    if (schoolId) {
      await schoolFor(services.db, principal, 'dashboard.read', schoolId);
      shown = shown.filter((s) => s.schoolId === schoolId);
    } else if (scopeOf('dashboard.read', principal.role) !== 'bureau') {
      shown = shown.filter((s) => s.schoolId === principal.schoolId);
    }
    const figures = await dashboardOf(services.db, { bureauId, schools: shown, timeZone: services.config.timetable.timeZone, week });
    return dashboardSchema.parse(figures);
  },
};

export const dashboardRoutes: readonly ApiRoute[] = [dashboard];
