import { demand } from '../auth/can.js';
import { FIRST_BUREAU } from '../auth/bootstrap.js';
import { ssoBureaus } from '../db/ssoSettings.js';
import type { ApiRoute } from './apiRoute.js';
import { authRoutes } from './authRoutes.js';
import { commentRoutes } from './commentRoutes.js';
import { dashboardRoutes } from './dashboardRoutes.js';
import { lessonRoutes } from './lessonRoutes.js';
import { libraryRoutes } from './libraryRoutes.js';
import { orgRoutes } from './orgRoutes.js';
import { peopleRoutes } from './peopleRoutes.js';
import { reviewRoutes } from './reviewRoutes.js';
import { webhookRoutes } from './webhookRoutes.js';
import { timetableRoutes } from './timetableRoutes.js';

/** The bureaus whose users sign in through their regional platform: the sign-in page shows a button for each. */
const ssoList: ApiRoute = { method: 'get', path: '/auth/sso', action: 'public', run: ({ services }) => ssoBureaus(services.db) };

/** The server's details, which the public `/healthz` (ok or not) leaves out: only for the server's own bureau's admins. */
const health: ApiRoute = {
  method: 'get',
  path: '/health',
  action: 'server.inspect',
  async run({ services, principal }) {
    demand(principal, 'server.inspect', { bureauId: FIRST_BUREAU });
    return services.health();
  },
};

/** Every REST route under /api, each with its action in the permission table; the permission test walks this list. */
export const apiRoutes: readonly ApiRoute[] = [...authRoutes, ssoList, health, ...orgRoutes, ...peopleRoutes, ...lessonRoutes, ...commentRoutes, ...reviewRoutes, ...libraryRoutes, ...webhookRoutes, ...timetableRoutes, ...dashboardRoutes];
