import { z } from 'zod';
import { demand } from '../auth/can.js';
import { FIRST_BUREAU } from '../auth/bootstrap.js';
import { ssoBureaus } from '../db/ssoSettings.js';
import type { ApiRoute } from './apiRoute.js';
import { apiKeyRoutes } from './apiKeyRoutes.js';
import { authRoutes } from './authRoutes.js';
import { broadcastOutputRoutes } from './broadcastOutputRoutes.js';
import { viewerRoutes } from './viewerRoutes.js';
import { broadcastRoutes } from './broadcastRoutes.js';
import { commentRoutes } from './commentRoutes.js';
import { dashboardRoutes } from './dashboardRoutes.js';
import { inspectionRoutes } from './inspectionRoutes.js';
import { lessonRoutes } from './lessonRoutes.js';
import { libraryRoutes } from './libraryRoutes.js';
import { orgRoutes } from './orgRoutes.js';
import { peopleRoutes } from './peopleRoutes.js';
import { reviewRoutes } from './reviewRoutes.js';
import { webhookRoutes } from './webhookRoutes.js';
import { testClockRoute } from './testClockRoute.js';
import { timetableRoutes } from './timetableRoutes.js';

/** The bureaus whose users sign in through their regional platform: the sign-in page shows a button for each. */
const ssoList: ApiRoute = {
  method: 'get',
  path: '/auth/sso',
  action: 'public',
  summary: 'The bureaus whose users sign in through their regional platform.',
  response: z.array(z.object({ bureauId: z.string(), bureauName: z.string() })),
  run: ({ services }) => ssoBureaus(services.db),
};

/** The server's details, which the public `/healthz` (ok or not) leaves out: only for the server's own bureau's admins. */
const health: ApiRoute = {
  method: 'get',
  path: '/health',
  action: 'server.inspect',
  summary: "The server's details: workers, pids, ports, media counts.",
  async run({ services, principal }) {
    demand(principal, 'server.inspect', { bureauId: FIRST_BUREAU });
    return services.health();
  },
};

/** One area of the API: its routes under one tag of the OpenAPI document. */
export interface ApiArea {
  tag: string;
  description: string;
  routes: readonly ApiRoute[];
}

/** The API by area, in the order the document lists them. */
export const apiAreas: readonly ApiArea[] = [
  { tag: 'auth', description: 'Signing in and out: people, classroom terminals, guests, a broadcast\'s viewers, single sign-on.', routes: [...authRoutes, ...viewerRoutes, ssoList] },
  { tag: 'organisation', description: 'Bureaus, schools, classrooms, pairings (结对), IP rules, single sign-on settings, the audit trail, the server.', routes: [health, ...orgRoutes] },
  { tag: 'people', description: 'Accounts (real-name people) and classroom terminals (devices).', routes: peopleRoutes },
  { tag: 'lessons', description: 'Lessons, their guest links and their live view (巡课).', routes: lessonRoutes },
  { tag: 'broadcasts', description: '名师直播: apply, review (approve, reject, schedule, cancel), rehearsal, live, end; the public list; 直播输出 (HLS, RTMP push).', routes: [...broadcastRoutes, ...broadcastOutputRoutes] },
  { tag: 'timetable', description: '课表: terms, holidays, weekly entries, one-off changes, import and export; 延长.', routes: timetableRoutes },
  { tag: 'recordings', description: '资源库 and 微课: recordings, their chapters, micro-lessons, playback.', routes: libraryRoutes },
  { tag: 'reports', description: '评课: comments, rubrics, scoring, the lesson report and the ranking (优课评选).', routes: [...commentRoutes, ...reviewRoutes] },
  { tag: 'inspection', description: '在线巡课: the live lessons in scope for the inspection grid, and inspection notes.', routes: inspectionRoutes },
  { tag: 'dashboard', description: '数据看板: a week of lessons, missed paired lessons, participation per school and quality per day.', routes: dashboardRoutes },
  { tag: 'webhooks', description: '推送: webhooks, their delivery log, the hosts allowed on private networks.', routes: webhookRoutes },
  { tag: 'api-keys', description: '开放接口: API keys of a bureau or a school, with scopes; shown once, stored hashed, revocable.', routes: apiKeyRoutes },
  { tag: 'testing', description: 'Only on a server started with TEST_CLOCK=on (end-to-end tests); elsewhere absent.', routes: [testClockRoute] },
];

/** Every REST route under /api, each with its action in the permission table; the permission test walks this list. */
export const apiRoutes: readonly ApiRoute[] = apiAreas.flatMap((area) => area.routes);
