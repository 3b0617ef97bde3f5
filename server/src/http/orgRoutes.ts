import { z } from 'zod';
import { auditQuerySchema, ErrorCode, ipRulesSchema, LessonError, newClassroomSchema, newPairingSchema, newSchoolSchema, oidcSettingsSchema, schoolSettingsSchema, type IpRules, type OidcSettings, auditEntrySchema, bureauSchema, classroomSchema, pairingSchema, schoolSchema } from '@shared';
import { demand } from '../auth/can.js';
import { bureaus, classroomsOf, createClassroom, createPairing, createSchool, deletePairing, pairing, pairings, schools, setSchoolRecording } from '../db/organisation.js';
import { audited, type ApiCall, type ApiRoute, answersNothing } from './apiRoute.js';
import { bureauOf, queryString, schoolFor, schoolsInScope, schoolQuery } from './scopes.js';
import { ssoSettings, saveSsoSettings } from '../db/ssoSettings.js';

/** Bureaus, schools, classrooms, pairings, IP rules, single sign-on settings and the audit trail. */


export const orgRoutes: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/bureaus',
    action: 'bureau.read',
    summary: 'The bureau one belongs to.',
    response: z.array(bureauSchema),
    run: async ({ services, principal }) => (await bureaus(services.db)).filter((b) => b.id === principal.bureauId),
  },
  {
    method: 'get',
    path: '/schools',
    action: 'school.read',
    summary: 'The schools in scope.',
    response: z.array(schoolSchema),
    async run({ services, principal }) {
      const ids = new Set(await schoolsInScope(services.db, principal, 'school.read'));
      return (await schools(services.db, bureauOf(principal))).filter((s) => ids.has(s.id));
    },
  },
  {
    method: 'post',
    path: '/schools',
    action: 'school.create',
    summary: 'Create a school of the bureau.',
    response: schoolSchema,
    body: newSchoolSchema,
    async run(call) {
      const { name, kind, bureauId } = call.body as { name: string; kind: 'support' | 'receiving'; bureauId?: string };
      const bureau = bureauId ?? bureauOf(call.principal);
      demand(call.principal, 'school.create', { bureauId: bureau });
      const created = await createSchool(call.services.db, bureau, name, kind);
      audited(call, 'school.create', created.id, name);
      return created;
    },
  },
  {
    method: 'post',
    path: '/schools/:id/settings',
    action: 'school.settings',
    summary: "A school's settings: record every lesson it hosts.",
    response: schoolSchema,
    body: schoolSettingsSchema,
    async run(call) {
      const found = await schoolFor(call.services.db, call.principal, 'school.settings', call.params['id'] ?? '');
      const { recordLessons } = call.body as { recordLessons: boolean };
      await setSchoolRecording(call.services.db, found.id, recordLessons);
      audited(call, 'school.settings', found.id, `recordLessons=${recordLessons}`);
      return { ...found, recordLessons };
    },
  },
  {
    method: 'get',
    path: '/classrooms',
    action: 'classroom.read',
    summary: 'The classrooms in scope, or of one school.',
    query: schoolQuery,
    response: z.array(classroomSchema),
    run: async ({ services, principal, query }) => classroomsOf(services.db, await schoolsInScope(services.db, principal, 'classroom.read', queryString(query['schoolId']))),
  },
  {
    method: 'post',
    path: '/classrooms',
    action: 'classroom.manage',
    summary: 'Create a classroom of a school.',
    response: classroomSchema,
    body: newClassroomSchema,
    async run(call) {
      const { schoolId, name } = call.body as { schoolId: string; name: string };
      await schoolFor(call.services.db, call.principal, 'classroom.manage', schoolId);
      const created = await createClassroom(call.services.db, schoolId, name);
      audited(call, 'classroom.create', created.id, name);
      return created;
    },
  },
  {
    method: 'get',
    path: '/pairings',
    action: 'pairing.read',
    summary: 'The pairings (结对) of the schools in scope.',
    response: z.array(pairingSchema),
    async run({ services, principal }) {
      const all = await pairings(services.db, bureauOf(principal));
      const mine = new Set(await schoolsInScope(services.db, principal, 'pairing.read'));
      return all.filter((p) => mine.has(p.supportSchoolId) || mine.has(p.receivingSchoolId));
    },
  },
  {
    method: 'post',
    path: '/pairings',
    action: 'pairing.manage',
    summary: 'Pair a support school with a receiving school.',
    response: pairingSchema,
    body: newPairingSchema,
    async run(call) {
      const { supportSchoolId, receivingSchoolId } = call.body as { supportSchoolId: string; receivingSchoolId: string };
      if (supportSchoolId === receivingSchoolId) throw new LessonError(ErrorCode.BadRequest, 'a school is not paired with itself');
      await schoolFor(call.services.db, call.principal, 'pairing.manage', supportSchoolId);
      await schoolFor(call.services.db, call.principal, 'pairing.manage', receivingSchoolId);
      const existing = (await pairings(call.services.db, bureauOf(call.principal))).find((p) => p.supportSchoolId === supportSchoolId && p.receivingSchoolId === receivingSchoolId);
      if (existing) throw new LessonError(ErrorCode.Conflict, 'these schools are already paired');
      const created = await createPairing(call.services.db, supportSchoolId, receivingSchoolId);
      audited(call, 'pairing.create', created.id, `${created.supportSchoolName} → ${created.receivingSchoolName}`);
      return created;
    },
  },
  {
    method: 'post',
    path: '/pairings/:id/delete',
    action: 'pairing.manage',
    summary: 'Remove a pairing.',
    response: answersNothing,
    async run(call) {
      const found = await pairing(call.services.db, call.params['id'] ?? '');
      if (!found) throw new LessonError(ErrorCode.NotFound, 'no such pairing');
      demand(call.principal, 'pairing.manage', { bureauId: found.bureauId });
      await deletePairing(call.services.db, found.id);
      audited(call, 'pairing.delete', found.id);
      return {};
    },
  },
  ...['get', 'post'].map(
    (method): ApiRoute => ({
      method: method as 'get' | 'post',
      path: '/ip-rules/:kind/:id',
      action: 'ipRules.manage',
      summary: method === 'get' ? "A bureau's or school's IP rules." : "Set a bureau's or school's IP rules.",
      response: ipRulesSchema,
      ...(method === 'post' ? { body: ipRulesSchema } : {}),
      async run(call) {
        const kind = call.params['kind'];
        const id = call.params['id'] ?? '';
        if (kind !== 'bureau' && kind !== 'school') throw new LessonError(ErrorCode.BadRequest, 'kind is bureau or school');
        if (kind === 'bureau') demand(call.principal, 'ipRules.manage', { bureauId: id });
        else await schoolFor(call.services.db, call.principal, 'ipRules.manage', id);
        const { ipRules } = call.services.accounts;
        if (method === 'get') return ipRules.get(kind, id);
        const rules = call.body as IpRules;
        await ipRules.set(kind, id, rules);
        audited(call, 'ipRules.set', `${kind}:${id}`, `allow ${rules.allow.join(' ') || '-'}; deny ${rules.deny.join(' ') || '-'}`);
        return ipRules.get(kind, id);
      },
    }),
  ),
  {
    method: 'get',
    path: '/audit',
    action: 'audit.read',
    summary: "The audit trail of the bureau, or of one's school.",
    query: auditQuerySchema,
    response: z.array(auditEntrySchema),
    async run({ services, principal, query }) {
      const parsed = auditQuerySchema.safeParse(query);
      if (!parsed.success) throw new LessonError(ErrorCode.BadRequest, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      // A school admin reads the school's trail; a bureau admin the whole bureau's.
      const schoolId = principal.role === 'schoolAdmin' ? principal.schoolId : null;
      return services.accounts.audit.query({ ...parsed.data, bureauId: principal.bureauId, schoolId });
    },
  },
  {
    method: 'get',
    path: '/bureaus/:id/sso',
    action: 'sso.manage',
    summary: "A bureau's single sign-on settings (never the client secret); null when none.",
    response: oidcSettingsSchema.omit({ clientSecret: true }).nullable(),
    async run(call) {
      demand(call.principal, 'sso.manage', { bureauId: call.params['id'] ?? '' });
      const found = await ssoSettings(call.services.db, call.params['id'] ?? '');
      if (!found) return null;
      const { clientSecret: _secret, ...shown } = found;
      return shown;
    },
  },
  {
    method: 'post',
    path: '/bureaus/:id/sso',
    action: 'sso.manage',
    summary: "Configure a bureau's single sign-on with its regional platform.",
    response: oidcSettingsSchema.omit({ clientSecret: true }),
    body: oidcSettingsSchema,
    async run(call) {
      const bureauId = call.params['id'] ?? '';
      demand(call.principal, 'sso.manage', { bureauId });
      const settings = call.body as OidcSettings;
      const previous = await ssoSettings(call.services.db, bureauId);
      const clientSecret = settings.clientSecret ?? previous?.clientSecret;
      if (!clientSecret) throw new LessonError(ErrorCode.BadRequest, 'clientSecret is required the first time');
      await saveSsoSettings(call.services.db, bureauId, { ...settings, clientSecret });
      audited(call, 'sso.configure', bureauId, settings.issuer);
      const { clientSecret: _secret, ...shown } = settings;
      return shown;
    },
  },
];
