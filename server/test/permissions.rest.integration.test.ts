import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastSchema, issuedApiKeySchema, issuedWebhookSchema, lessonScoringSchema, lessonSummarySchema, pairingSchema, rubricSchema, permissions, schoolSchema, scopeOf, timetableEntrySchema, timetableSchema, type Action, type Scope } from '@shared';
import { apiRoutes } from '../src/http/apiRoutes.js';
import { adminToken, apiCall, createGuestLink, createPerson, registerTerminal } from '../../testkit/adminApi.js';
import { cutClip, pairingsSchema, recordWithoutMedia } from '../../testkit/library.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { testPatternDirectedView } from '../../testkit/standInDirectedView.js';
import { join } from 'node:path';
import { castOf, type Cast, type Member } from './support/cast.js';

/*
 * Test 1 of the accounts issue, REST half: every route under /api that needs
 * a permission is tried as every member of the cast (every role, inside and
 * outside the school and the bureau), and is allowed exactly where the one
 * permission table (shared/src/permissions.ts) says — the expectation is
 * computed from the table, never listed by hand. Allowed means not refused
 * (401/403); a list that is allowed must hold nothing outside the caller's
 * scope.
 */

/** Where a sample's target belongs, in the table's terms. */
interface Where {
  bureau: string;
  schools?: string[];
  owner?: string;
  classroom?: string;
  lesson?: string;
}

/** One call of a route: its path, body, and where what it acts on belongs; or a list, with what each item belongs to. */
interface Sample {
  path: string;
  body?: unknown;
  where?: Where;
  /** A list route: where each returned item belongs, to check nothing outside the caller's scope came back. */
  items?: (data: unknown) => Where[];
}

/** The table's scope, checked against where the target belongs (the server's code is not consulted). */
function inScope(scope: Scope, who: Member, where: Where): boolean {
  if (where.bureau !== who.bureau) return false;
  switch (scope) {
    case 'bureau':
      return true;
    case 'school':
      return who.school !== null && (where.schools ?? []).includes(who.school);
    case 'classroom':
      return who.classroom !== null && where.classroom === who.classroom;
    case 'self':
      return where.owner === who.id;
    case 'lesson':
      return who.lesson !== null && where.lesson === who.lesson;
  }
}

describe('the role × action table, REST routes', () => {
  let server: ServerProcess;
  let cast: Cast;
  let samples: Record<string, (who: Member) => Promise<Sample>>;
  const unexpected: string[] = [];

  beforeAll(async () => {
    // TEST_CLOCK=on: its route exists, so it is tried too (set to now, it changes nothing).
    server = await startServer({ env: { TEST_CLOCK: 'on' } });
    cast = await castOf(server);
    const admin = await adminToken(server);
    const teacher = cast.byName('teacher');
    const L = cast.lesson.lessonId;
    const lessonWhere: Where = { bureau: 'main', schools: ['chengguan', 'shanping', 'hewan'], owner: teacher.id, lesson: L };
    const city: Where = { bureau: 'main', schools: ['chengguan'] };
    const schoolBureau = new Map<string, string>([[cast.otherBureau.schoolId, 'other']]);
    const bureauOfSchool = (id: string | null | undefined): string | undefined => (id ? (schoolBureau.get(id) ?? 'main') : undefined);
    const freshTerminal = async () => (await registerTerminal('chengguan-4-1', server)).terminalId;
    const freshAccount = async () => (await createPerson({ role: 'teacher', schoolId: 'chengguan' }, server)).accountId;
    const freshSchool = async () => (await apiCall(server.url, '/schools', schoolSchema, { token: admin, body: { name: '新校', kind: 'receiving' } })).id;
    const list = (pick: (item: Record<string, unknown>) => Where) => (data: unknown) => (data as Array<Record<string, unknown>>).map(pick);
    // 资源库: a recording of the lesson (no media), a stand-in directed view in its folder, one micro-lesson of it.
    const recording = await recordWithoutMedia(server, cast.lesson);
    await testPatternDirectedView(server.dataDir, recording, 6);
    const R = recording.id;
    const clipOf = async () => (await cutClip(server.url, cast.lesson.teacherToken, R, { title: '片段', description: '', inMs: 2000, outMs: 4000 })).clip.id;
    const C = await clipOf();
    // A recording belongs to its lesson's schools and to the schools paired with its host.
    const pairs = await apiCall(server.url, '/pairings', pairingsSchema, { token: admin });
    const pairedWith = (school: string) => pairs.flatMap((p) => (p.supportSchoolId === school ? [p.receivingSchoolId] : p.receivingSchoolId === school ? [p.supportSchoolId] : []));
    const recordingWhere: Where = { ...lessonWhere, schools: [...new Set([...lessonWhere.schools!, ...pairedWith('chengguan')])] };
    const cutWhere: Where = { ...city, owner: teacher.id };
    const libraryItem = (item: Record<string, unknown>): Where => ({
      bureau: item['bureauId'] as string,
      schools: [...(item['schools'] as Array<{ id: string }>).map((s) => s.id), ...pairedWith(item['hostSchoolId'] as string)],
    });
    // 评课: a bureau rubric, the lesson up for scoring against it (a rubric of the city school for editing).
    const criteria = [{ id: 'design', name: '教学设计', weight: 100, min: 0, max: 10, descriptors: [] }];
    const bureauRubric = await apiCall(server.url, '/rubrics', rubricSchema, { token: admin, body: { name: '县级量表', schoolId: null, criteria } });
    const cityRubric = await apiCall(server.url, '/rubrics', rubricSchema, { token: admin, body: { name: '校级量表', schoolId: 'chengguan', criteria } });
    await apiCall(server.url, `/lessons/${L}/scoring`, lessonScoringSchema, { token: admin, body: { rubricId: bureauRubric.id } });
    // 课表: a term of the city school far enough ahead that no lesson is made of it; every entry on a day of its own, so none clashes.
    const term = (await apiCall(server.url, '/timetable/terms', timetableSchema, { token: admin, body: { schoolId: 'chengguan', name: '2027 学年', startsOn: '2027-01-01', endsOn: '2027-12-31' } })).term;
    let day = 0;
    const nextDay = () => new Date(Date.UTC(2027, 0, 1 + (day++ % 365))).toISOString().slice(0, 10);
    const entryBody = () => ({ title: '语文', form: 'synchronous', onDate: nextDay(), startsAt: '08:00', endsAt: '08:45', teacherAccountId: teacher.id, hostClassroomId: 'chengguan-4-1', classroomIds: ['shanping-4'] });
    const freshEntry = async () => (await apiCall(server.url, `/timetable/terms/${term.id}/entries`, timetableEntrySchema, { token: admin, body: entryBody() })).id;
    const ownEntry: Where = { ...city, owner: teacher.id };
    const at = (school: unknown, extra: Partial<Where> = {}): Where => ({ bureau: bureauOfSchool(school as string) ?? '?', schools: school ? [school as string] : [], ...extra });
    // 推送: hooks of the city school on loopback (allowed for the bureau; port 9 answers nothing), one delivery to send again.
    const hookHost = '127.0.0.1';
    await apiCall(server.url, '/bureaus/main/webhook-hosts', z.array(z.unknown()), { token: admin, body: { host: hookHost } });
    const freshHook = async () => (await apiCall(server.url, '/webhooks', issuedWebhookSchema, { token: admin, body: { url: `http://${hookHost}:9/hook`, events: ['lesson.scheduled'], schoolId: 'chengguan' } })).webhook.id;
    const H = await freshHook();
    await apiCall(server.url, '/lessons', lessonSummarySchema, { token: cast.lesson.teacherToken, body: { title: '推送的课', hostClassroomId: 'chengguan-4-1', classroomIds: ['hewan-4-2'] } });
    const deliveryOf = async () => (await apiCall(server.url, `/webhooks/${H}/deliveries`, z.array(z.object({ id: z.string() })), { token: admin }))[0]!.id;
    const D = await deliveryOf();
    // 开放接口: keys of the city school.
    const freshKey = async () => (await apiCall(server.url, '/api-keys', issuedApiKeySchema, { token: admin, body: { name: '资源平台', schoolId: 'chengguan', scopes: ['lesson.read'] } })).apiKey.id;
    // 名师直播: the teacher's applications, each moved by the bureau to the state the route acts on.
    const broadcastWhere: Where = { ...city, owner: teacher.id };
    const broadcastIn = async (state: 'applied' | 'approved' | 'scheduled' | 'rehearsal' | 'live') => {
      const hour = 3600_000;
      const body = { title: '名师直播', hostClassroomId: 'chengguan-4-1', startsAt: Date.now() + hour, endsAt: Date.now() + 2 * hour, audience: { public: true, schoolIds: [], classroomIds: [] }, expectedViewers: 10 };
      const { id } = await apiCall(server.url, '/broadcasts', broadcastSchema, { token: cast.lesson.teacherToken, body });
      const steps = ['approve', 'schedule', 'rehearsal', 'live'].slice(0, ['applied', 'approved', 'scheduled', 'rehearsal', 'live'].indexOf(state));
      for (const step of steps) await apiCall(server.url, `/broadcasts/${id}/${step}`, broadcastSchema, { token: admin, body: {} });
      return id;
    };
    samples = {
      'GET /bureaus': async () => ({ path: '/bureaus', items: list((b) => ({ bureau: b['id'] as string })) }),
      'GET /schools': async () => ({ path: '/schools', items: list((s) => at(s['id'])) }),
      'POST /schools': async () => ({ path: '/schools', body: { name: '新建学校', kind: 'receiving', bureauId: 'main' }, where: { bureau: 'main' } }),
      'POST /schools/:id/settings': async () => ({ path: '/schools/chengguan/settings', body: { recordLessons: false }, where: city }),
      'GET /classrooms': async () => ({ path: '/classrooms', items: list((c) => at(c['schoolId'])) }),
      'POST /classrooms': async () => ({ path: '/classrooms', body: { schoolId: 'chengguan', name: '五年级(3)班' }, where: city }),
      'GET /pairings': async () => ({ path: '/pairings', items: list((p) => ({ ...at(p['supportSchoolId']), schools: [p['supportSchoolId'] as string, p['receivingSchoolId'] as string] })) }),
      'POST /pairings': async () => {
        const [a, b] = [await freshSchool(), await freshSchool()];
        return { path: '/pairings', body: { supportSchoolId: a, receivingSchoolId: b }, where: { bureau: 'main', schools: [a, b] } };
      },
      'POST /pairings/:id/delete': async () => {
        const [a, b] = [await freshSchool(), await freshSchool()];
        const pairing = await apiCall(server.url, '/pairings', pairingSchema, { token: admin, body: { supportSchoolId: a, receivingSchoolId: b } });
        return { path: `/pairings/${pairing.id}/delete`, where: { bureau: 'main', schools: [a, b] } };
      },
      'GET /ip-rules/:kind/:id': async () => ({ path: '/ip-rules/school/chengguan', where: city }),
      'POST /ip-rules/:kind/:id': async () => ({ path: '/ip-rules/school/chengguan', body: { allow: [], deny: [] }, where: city }),
      'GET /audit': async () => ({ path: '/audit' }),
      'GET /health': async () => ({ path: '/health', where: { bureau: 'main' } }),
      'GET /bureaus/:id/sso': async () => ({ path: '/bureaus/main/sso', where: { bureau: 'main' } }),
      'POST /bureaus/:id/sso': async () => ({
        path: '/bureaus/main/sso',
        body: { issuer: 'http://127.0.0.1:9/unreachable', clientId: 'tongtang', clientSecret: 'secret', schools: {}, roles: {} },
        where: { bureau: 'main' },
      }),
      'GET /accounts': async () => ({ path: '/accounts', items: list((a) => ({ bureau: a['bureauId'] as string, schools: a['schoolId'] ? [a['schoolId'] as string] : [] })) }),
      'POST /accounts': async () => ({
        path: '/accounts',
        body: { login: `new-${Math.random().toString(36).slice(2, 10)}`, name: '赵老师', role: 'teacher', schoolId: 'chengguan', staffNumber: 'S-1' },
        where: city,
      }),
      'POST /accounts/:id/disable': async () => ({ path: `/accounts/${await freshAccount()}/disable`, where: city }),
      'POST /accounts/:id/reset-password': async () => ({ path: `/accounts/${await freshAccount()}/reset-password`, where: city }),
      'GET /terminals': async () => ({ path: '/terminals', items: list((t) => at(t['schoolId'])) }),
      'POST /terminals': async () => ({ path: '/terminals', body: { classroomId: 'chengguan-4-1' }, where: { ...city, classroom: 'chengguan-4-1' } }),
      'POST /terminals/:id/link': async () => ({ path: `/terminals/${await freshTerminal()}/link`, where: { ...city, classroom: 'chengguan-4-1' } }),
      'POST /terminals/:id/revoke': async () => ({ path: `/terminals/${await freshTerminal()}/revoke`, where: { ...city, classroom: 'chengguan-4-1' } }),
      'GET /lessons': async () => ({ path: '/lessons', items: list((l) =>
          at(l['schoolId'], {
            schools: [l['schoolId'] as string, ...(l['classrooms'] as Array<{ schoolId: string }>).map((c) => c.schoolId)],
            owner: l['teacherAccountId'] as string,
          }),
        ),
      }),
      'POST /lessons': async () => ({ path: '/lessons', body: { title: '新课', hostClassroomId: 'chengguan-4-1', classroomIds: ['shanping-4'] }, where: city }),
      'POST /lessons/:id/delete': async () => {
        const created = await apiCall(server.url, '/lessons', lessonSummarySchema, { token: cast.lesson.teacherToken, body: { title: '要删的课', hostClassroomId: 'chengguan-4-1', classroomIds: ['hewan-4-2'] } });
        return { path: `/lessons/${created.id}/delete`, where: { ...city, owner: teacher.id, lesson: created.id } };
      },
      'GET /lessons/:id/guests': async () => ({ path: `/lessons/${L}/guests`, where: lessonWhere }),
      'POST /lessons/:id/guests': async () => ({ path: `/lessons/${L}/guests`, body: { name: '家长' }, where: lessonWhere }),
      'POST /guests/:id/withdraw': async () => ({ path: `/guests/${(await createGuestLink(L, cast.lesson.teacherToken, server)).guestId}/withdraw`, where: lessonWhere }),
      'GET /lessons/:id/live': async () => ({ path: `/lessons/${L}/live`, where: lessonWhere }),
      'GET /lessons/:id/media': async () => ({ path: `/lessons/${L}/media`, where: lessonWhere }),
      'GET /lessons/:id/events': async () => ({ path: `/lessons/${L}/events`, where: lessonWhere }),
      'GET /lessons/:id/comments': async () => ({ path: `/lessons/${L}/comments`, where: lessonWhere }),
      'POST /lessons/:id/comments': async () => ({ path: `/lessons/${L}/comments`, body: { text: '板书清楚', at: Date.now() }, where: lessonWhere }),
      'GET /rubrics': async () => ({ path: '/rubrics', items: list((r) => ({ bureau: r['bureauId'] as string })) }),
      'POST /rubrics': async () => ({ path: '/rubrics', body: { name: '新量表', schoolId: 'chengguan', criteria }, where: city }),
      'POST /rubrics/:id': async () => ({ path: `/rubrics/${cityRubric.id}`, body: { name: '校级量表（改）', schoolId: 'chengguan', criteria }, where: city }),
      'GET /lessons/:id/scoring': async () => ({ path: `/lessons/${L}/scoring`, where: lessonWhere }),
      'POST /lessons/:id/scoring': async () => ({ path: `/lessons/${L}/scoring`, body: { rubricId: bureauRubric.id }, where: lessonWhere }),
      'POST /lessons/:id/scoring/close': async () => ({ path: `/lessons/${L}/scoring/close`, where: lessonWhere }),
      'POST /lessons/:id/score': async () => ({ path: `/lessons/${L}/score`, body: { scores: { design: 8 } }, where: lessonWhere }),
      'GET /lessons/:id/report': async () => ({ path: `/lessons/${L}/report`, where: lessonWhere }),
      'GET /lessons/:id/report.csv': async () => ({ path: `/lessons/${L}/report.csv?part=participation`, where: lessonWhere }),
      'GET /ranking': async () => ({ path: '/ranking', items: (data) => (data as Array<{ lessons: Array<{ schoolIds: string[] }> }>).flatMap((g) => g.lessons.map((l) => ({ bureau: 'main', schools: l.schoolIds }))) }),
      'GET /library': async () => ({ path: '/library', items: (data) => (data as { items: Array<Record<string, unknown>> }).items.map(libraryItem) }),
      'GET /recordings/:id': async () => ({ path: `/recordings/${R}`, where: recordingWhere }),
      'POST /recordings/:id/play': async () => ({ path: `/recordings/${R}/play`, where: recordingWhere }),
      'POST /recordings/:id/clips': async () => ({ path: `/recordings/${R}/clips`, body: { title: '微课', inMs: 1000, outMs: 3000 }, where: cutWhere }),
      'GET /clips/:id': async () => ({ path: `/clips/${C}`, where: recordingWhere }),
      'POST /clips/:id/play': async () => ({ path: `/clips/${C}/play`, where: recordingWhere }),
      'GET /webhooks': async () => ({ path: '/webhooks', items: list((h) => at(h['schoolId'] ?? null, { bureau: h['bureauId'] as string })) }),
      'POST /webhooks': async () => ({ path: '/webhooks', body: { url: `http://${hookHost}:9/new`, events: ['lesson.started'], schoolId: 'chengguan' }, where: city }),
      'POST /webhooks/:id/delete': async () => ({ path: `/webhooks/${await freshHook()}/delete`, where: city }),
      'GET /webhooks/:id/deliveries': async () => ({ path: `/webhooks/${H}/deliveries`, where: city }),
      'POST /webhook-deliveries/:id/resend': async () => ({ path: `/webhook-deliveries/${D}/resend`, where: city }),
      'GET /bureaus/:id/webhook-hosts': async () => ({ path: '/bureaus/main/webhook-hosts', where: { bureau: 'main' } }),
      'POST /bureaus/:id/webhook-hosts': async () => ({ path: '/bureaus/main/webhook-hosts', body: { host: hookHost }, where: { bureau: 'main' } }),
      'POST /bureaus/:id/webhook-hosts/delete': async () => ({ path: '/bureaus/main/webhook-hosts/delete', body: { host: 'gone.example' }, where: { bureau: 'main' } }),
      'POST /clips/:id/delete': async () => ({ path: `/clips/${await clipOf()}/delete`, where: cutWhere }),
      'GET /timetable/terms': async () => ({ path: '/timetable/terms', items: list((t) => at(t['schoolId'])) }),
      'POST /timetable/terms': async () => ({ path: '/timetable/terms', body: { schoolId: 'chengguan', name: '新学期', startsOn: '2028-02-01', endsOn: '2028-07-01' }, where: city }),
      'GET /timetable/terms/:id': async () => ({ path: `/timetable/terms/${term.id}`, where: city }),
      'POST /timetable/terms/:id/holidays': async () => ({ path: `/timetable/terms/${term.id}/holidays`, body: { name: '假', startsOn: '2027-12-30', endsOn: '2027-12-31' }, where: city }),
      'POST /timetable/holidays/:id/delete': async () => {
        const { holidays } = await apiCall(server.url, `/timetable/terms/${term.id}/holidays`, timetableSchema, { token: admin, body: { name: '删', startsOn: '2027-12-29', endsOn: '2027-12-29' } });
        return { path: `/timetable/holidays/${holidays.find((h) => h.name === '删')!.id}/delete`, where: city };
      },
      'POST /timetable/terms/:id/entries': async () => ({ path: `/timetable/terms/${term.id}/entries`, body: entryBody(), where: ownEntry }),
      'POST /timetable/entries/:id': async () => ({ path: `/timetable/entries/${await freshEntry()}`, body: entryBody(), where: ownEntry }),
      'POST /timetable/entries/:id/delete': async () => ({ path: `/timetable/entries/${await freshEntry()}/delete`, where: ownEntry }),
      'POST /timetable/changes': async () => {
        const body = entryBody();
        const created = await apiCall(server.url, `/timetable/terms/${term.id}/entries`, timetableEntrySchema, { token: admin, body });
        return { path: '/timetable/changes', body: { kind: 'cancel', entryId: created.id, occursOn: body.onDate }, where: ownEntry };
      },
      'POST /timetable/changes/:id/delete': async () => {
        const body = entryBody();
        const created = await apiCall(server.url, `/timetable/terms/${term.id}/entries`, timetableEntrySchema, { token: admin, body });
        const { changes } = await apiCall(server.url, '/timetable/changes', timetableSchema, { token: admin, body: { kind: 'cancel', entryId: created.id, occursOn: body.onDate } });
        return { path: `/timetable/changes/${changes.find((c) => c.entryId === created.id)!.id}/delete`, where: ownEntry };
      },
      'GET /timetable/terms/:id/export': async () => ({ path: `/timetable/terms/${term.id}/export`, where: city }),
      'POST /timetable/terms/:id/import': async () => ({
        path: `/timetable/terms/${term.id}/import`,
        body: { format: 'csv', content: `weekday,date,start,end,title,subject,grade,form,teacher,host_classroom,classrooms\n,${nextDay()},08:00,08:45,数学,,,synchronous,${teacher.id},chengguan-4-1,shanping-4\n` },
        where: city,
      }),
      'GET /dashboard': async () => ({
        path: '/dashboard',
        items: (data) => (data as { lessons: Array<{ hostSchoolId: string; schoolIds: string[] }> }).lessons.map((l) => at(l.hostSchoolId, { schools: l.schoolIds })),
      }),
      'GET /inspection/lessons': async () => ({ path: '/inspection/lessons', items: (data) => (data as { lessons: Array<{ schoolIds: string[] }> }).lessons.map((l) => ({ bureau: 'main', schools: l.schoolIds })) }),
      'GET /lessons/:id/inspection-notes': async () => ({ path: `/lessons/${L}/inspection-notes`, where: lessonWhere }),
      'POST /lessons/:id/inspection-notes': async () => ({ path: `/lessons/${L}/inspection-notes`, body: { text: '巡课：课堂秩序良好' }, where: lessonWhere }),
      'POST /lessons/:id/extend': async () => ({ path: `/lessons/${L}/extend`, body: {}, where: lessonWhere }),
      'POST /test/clock': async () => ({ path: '/test/clock', body: { nowMs: Date.now() }, where: { bureau: 'main' } }),
      'GET /api-keys': async () => ({ path: '/api-keys', items: list((k) => at(k['schoolId'] ?? null, { bureau: k['bureauId'] as string })) }),
      'POST /api-keys': async () => ({ path: '/api-keys', body: { name: '新密钥', schoolId: 'chengguan', scopes: ['lesson.read', 'timetable.read'] }, where: city }),
      'POST /broadcasts': async () => ({
        path: '/broadcasts',
        body: { title: '申请', hostClassroomId: 'chengguan-4-1', startsAt: Date.now() + 3600_000, endsAt: Date.now() + 7200_000, audience: { public: true, schoolIds: [], classroomIds: [] }, expectedViewers: 1 },
        where: city,
      }),
      'GET /broadcasts': async () => ({ path: '/broadcasts', items: list((b) => at(b['schoolId'], { bureau: b['bureauId'] as string, owner: b['teacherAccountId'] as string })) }),
      'POST /broadcasts/:id/withdraw': async () => ({ path: `/broadcasts/${await broadcastIn('applied')}/withdraw`, where: broadcastWhere }),
      'POST /broadcasts/:id/approve': async () => ({ path: `/broadcasts/${await broadcastIn('applied')}/approve`, where: broadcastWhere }),
      'POST /broadcasts/:id/reject': async () => ({ path: `/broadcasts/${await broadcastIn('applied')}/reject`, body: { reason: '材料不全' }, where: broadcastWhere }),
      'POST /broadcasts/:id/schedule': async () => ({ path: `/broadcasts/${await broadcastIn('approved')}/schedule`, body: {}, where: broadcastWhere }),
      'POST /broadcasts/:id/cancel': async () => ({ path: `/broadcasts/${await broadcastIn('approved')}/cancel`, body: { reason: '改期' }, where: broadcastWhere }),
      'POST /broadcasts/:id/rehearsal': async () => ({ path: `/broadcasts/${await broadcastIn('scheduled')}/rehearsal`, where: broadcastWhere }),
      'POST /broadcasts/:id/live': async () => ({ path: `/broadcasts/${await broadcastIn('rehearsal')}/live`, where: broadcastWhere }),
      'POST /broadcasts/:id/end': async () => ({ path: `/broadcasts/${await broadcastIn('live')}/end`, where: broadcastWhere }),
      'GET /broadcasts/:id/output': async () => ({ path: `/broadcasts/${await broadcastIn('scheduled')}/output`, where: broadcastWhere }),
      'POST /broadcasts/:id/output': async () => ({ path: `/broadcasts/${await broadcastIn('scheduled')}/output`, body: { rtmpUrl: 'rtmp://127.0.0.1:1935/live/key' }, where: broadcastWhere }),
      'POST /api-keys/:id/revoke': async () => ({ path: `/api-keys/${await freshKey()}/revoke`, where: city }),
    };
  });

  afterAll(async () => {
    if (unexpected.length) console.log(`unexpected outcomes:\n${unexpected.join('\n')}`);
    await server?.stop();
  });

  const tabled = apiRoutes.filter((r) => r.action !== 'public' && r.action !== 'signedIn');

  it('has a sample for every route that needs a permission, and every action of the table is used by a route', () => {
    const keys = tabled.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(keys.filter((k) => !(k in samples)), 'routes without a sample').toEqual([]);
    const used = new Set(tabled.map((r) => r.action));
    const joinActions = ['lesson.teach', 'lesson.joinAsClassroom', 'lesson.observe', 'lesson.view'];
    expect(Object.keys(permissions).filter((a) => !used.has(a as Action) && !joinActions.includes(a))).toEqual([]);
  });

  it('allows every route exactly where the table says, for every role, across schools and bureaus', async () => {
    let tried = 0;
    for (const route of tabled) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      for (const who of cast.members) {
        const sample = await samples[key]!(who);
        const response = await fetch(`${server.url}/api${sample.path}`, {
          method: route.method.toUpperCase(),
          headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
          ...(sample.body === undefined ? {} : { body: JSON.stringify(sample.body) }),
        });
        // A CSV download answers text; everything else, and every refusal, JSON.
        const reply = (response.headers.get('content-type')?.includes('json') ? await response.json() : { ok: response.ok }) as { ok: boolean; data?: unknown; error?: { code: string } };
        tried++;
        const scope = scopeOf(route.action as Action, who.role);
        const refused = response.status === 401 || response.status === 403;
        if (sample.items) {
          // A list: allowed to whoever has the action at all, and then only what is in scope comes back.
          if (refused !== (scope === null)) unexpected.push(`${key} as ${who.name}: ${response.status} ${reply.error?.code ?? ''}`);
          if (!refused && reply.ok) {
            for (const item of sample.items(reply.data)) {
              if (!inScope(scope!, who, item)) unexpected.push(`${key} as ${who.name} leaked ${JSON.stringify(item)}`);
            }
          }
          continue;
        }
        const expected = scope !== null && (sample.where ? inScope(scope, who, sample.where) : true);
        if (refused === expected) unexpected.push(`${key} as ${who.name}: expected ${expected ? 'allowed' : 'refused'}, got ${response.status} ${reply.error?.code ?? ''}`);
      }
    }
    expect(unexpected).toEqual([]);
    expect(tried).toBeGreaterThan(tabled.length * 10);
  });

  it('a terminal asks for its lesson; nobody else has one to ask for', async () => {
    for (const who of cast.members) {
      const response = await fetch(`${server.url}/api/terminal/lesson`, { headers: { authorization: `Bearer ${who.token}` } });
      expect(response.status, who.name).toBe(who.role === 'terminal' ? 200 : 403);
    }
  });
});
