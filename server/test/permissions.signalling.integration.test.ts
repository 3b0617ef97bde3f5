import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, lessonRequests, scopeOf, type Action, type JoinedLesson, type RequestType, type Role } from '@shared';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { castOf, type Cast, type Member } from './support/cast.js';
import { connectClient, opusRtpParameters, type RawClient } from './support/signallingClient.js';

/*
 * Test 1 of the accounts issue, signalling half: who may join a lesson as
 * what (every member of the cast × teacher, classroom, observer, inspector, viewer), and, once
 * joined, which requests each participant role may send — every request
 * type of the protocol tried, allowed exactly where the table says.
 */

const uuid = '00000000-0000-4000-8000-000000000000';

/** One request of every type that a joined participant sends; a missing type is a compile error. */
const joinedSamples = (self: string): { [T in RequestType]?: Record<string, unknown> } => ({
  declareCapabilities: { rtpCapabilities: { codecs: [], headerExtensions: [] } },
  createTransport: { direction: 'recv' },
  connectTransport: { transportId: uuid, dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] } },
  restartIce: { transportId: uuid },
  pathRestored: {},
  produce: { transportId: uuid, kind: 'audio', source: 'studentsMic', rtpParameters: opusRtpParameters(4242) },
  closeProducer: { producerId: uuid },
  setProducerPaused: { producerId: uuid, paused: true },
  consume: { producerId: uuid, place: 'tile' },
  resumeConsumer: { consumerId: uuid },
  setConsumerPlace: { consumerId: uuid, place: 'main' },
  setLessonStatus: { status: 'live' },
  raiseHand: { studentName: '小明' },
  lowerHand: { participantId: self },
  lowerAllHands: {},
  grantFloor: { participantId: 'classroom:hewan-4-2' },
  revokeFloor: { participantId: 'classroom:hewan-4-2' },
  setDiscussion: { open: false },
  muteParticipant: { participantId: 'classroom:hewan-4-2', muted: false },
  sendChat: { text: '大家好' },
  setChatEnabled: { enabled: true },
  // Questions are closed: a viewer who may ask is told QUESTIONS_CLOSED, which the table counts as allowed.
  askQuestion: { text: '老师，这道题还有别的解法吗？' },
  setQuestionsOpen: { open: false },
  // No such question: the teacher is told NOT_FOUND, which the table counts as allowed.
  showQuestion: { questionId: null },
  dismissQuestion: { questionId: uuid },
  pinMainView: { participantId: 'teacher' },
  setDirecting: { choice: 'auto' },
  saveDeviceMapping: { mapping: {} },
  reportQuality: { samples: [] },
  getQualityOverview: {},
  listObservers: {},
  addComment: { text: '提问设计得好' },
  setCommentsLive: { live: false },
  startLatencyProbe: { durationS: 3 },
  reportLatency: { probeId: uuid, measurements: [] },
  // Stopping a recording that does not run changes nothing; only the teacher may ask.
  setRecording: { recording: false },
  // Last: after it the participant is no longer in the lesson.
  leaveLesson: {},
});

describe('the role × action table, signalling', () => {
  let server: ServerProcess;
  let cast: Cast;
  const clients: RawClient[] = [];
  const connect = async (who: Member): Promise<RawClient> => {
    const client = await connectClient(server.url, who.token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startServer();
    cast = await castOf(server);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.stop();
  });

  /** Whether the table lets `who` join the lesson as `role` (its scopes checked against where the lesson and classroom belong). */
  function mayJoin(who: Member, role: Role): boolean {
    const action: Action = role === 'teacher' ? 'lesson.teach' : role === 'classroom' ? 'lesson.joinAsClassroom' : role === 'inspector' ? 'inspection.watch' : role === 'viewer' ? 'lesson.view' : 'lesson.observe';
    const scope = scopeOf(action, who.role);
    if (!scope || who.bureau !== 'main') return false;
    const schools = role === 'classroom' ? ['shanping'] : ['chengguan', 'shanping', 'hewan'];
    switch (scope) {
      case 'bureau':
        return true;
      case 'school':
        return who.school !== null && schools.includes(who.school);
      case 'classroom':
        return role === 'classroom' && who.classroom === 'shanping-4';
      case 'self':
        return who.id === cast.byName('teacher').id;
      case 'lesson':
        return who.lesson === cast.lesson.lessonId;
    }
  }

  it('refuses a connection without a valid session at the handshake', async () => {
    for (const token of [undefined, 'not-a-token', `${cast.byName('teacher').token}x`]) {
      const refused = await connectClient(server.url, token).then(
        (client) => {
          client.close();
          return null;
        },
        (error: Error & { data?: { code?: string } }) => error.data?.code,
      );
      expect(refused).toBe(ErrorCode.Unauthorized);
    }
  });

  it('lets each member join the lesson exactly as the table says, and nobody else', async () => {
    const unexpected: string[] = [];
    for (const who of cast.members) {
      for (const role of ['teacher', 'classroom', 'observer', 'inspector', 'viewer'] as const) {
        const client = await connect(who);
        const reply = await client.send({ type: 'joinLesson', lessonId: cast.lesson.lessonId, role, ...(role === 'classroom' ? { classroomId: 'shanping-4' } : {}) });
        const allowed = mayJoin(who, role);
        if (reply.ok !== allowed || (!reply.ok && reply.error.code !== ErrorCode.Forbidden)) {
          unexpected.push(`${who.name} as ${role}: expected ${allowed ? 'joined' : 'FORBIDDEN'}, got ${reply.ok ? 'joined' : reply.error.code}`);
        }
        if (reply.ok) await client.ok({ type: 'leaveLesson' });
        // The pre-class check is a classroom's: the same rule as joining as that classroom.
        if (role === 'classroom') {
          const check = await client.send({ type: 'startPrecheck', lessonId: cast.lesson.lessonId, classroomId: 'shanping-4' });
          if (check.ok !== allowed) unexpected.push(`${who.name} startPrecheck: expected ${allowed}, got ${check.ok ? 'ok' : check.error.code}`);
        }
        client.close();
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('lets each participant role send exactly the requests the table gives it', async () => {
    const unexpected: string[] = [];
    const as: Array<[Role, Member, Record<string, unknown>]> = [
      ['teacher', cast.byName('teacher'), {}],
      ['classroom', cast.byName('terminal'), { classroomId: 'shanping-4' }],
      ['observer', cast.byName('guest'), {}],
      ['inspector', cast.byName('bureauAdmin'), {}],
      ['viewer', cast.byName('guest'), {}],
    ];
    let tried = 0;
    for (const [role, who, extra] of as) {
      const client = await connect(who);
      const joined = await client.ok<JoinedLesson>({ type: 'joinLesson', lessonId: cast.lesson.lessonId, role, ...extra } as never);
      for (const [type, body] of Object.entries(joinedSamples(joined.self.id)) as Array<[RequestType, Record<string, unknown>]>) {
        const reply = await client.send({ type, ...body });
        tried++;
        const allowed = lessonRequests[type]?.includes(role) ?? true;
        const forbidden = !reply.ok && reply.error.code === ErrorCode.Forbidden;
        if (forbidden === allowed) unexpected.push(`${role} ${type}: expected ${allowed ? 'allowed' : 'FORBIDDEN'}, got ${reply.ok ? 'ok' : `${reply.error.code} ${reply.error.message}`}`);
        if (!reply.ok && reply.error.code === ErrorCode.BadRequest) unexpected.push(`${role} ${type}: the sample itself is malformed: ${reply.error.message}`);
      }
      client.close();
    }
    expect(unexpected).toEqual([]);
    // Every request type that needs a joined participant was tried by each role.
    const joinedTypes = Object.entries(lessonRequests).filter(([, roles]) => roles !== null).map(([type]) => type);
    expect(Object.keys(joinedSamples('x')).sort()).toEqual(joinedTypes.sort());
    expect(tried).toBe(joinedTypes.length * as.length);
  });

  it('an observer whose guest link grants no chat may not write, whatever the table allows observers', async () => {
    const client = await connect(cast.byName('otherGuest'));
    await client.ok({ type: 'joinLesson', lessonId: cast.otherLesson.lessonId, role: 'observer' });
    const reply = await client.send({ type: 'sendChat', text: '大家好' });
    expect(reply.ok ? null : reply.error.code).toBe(ErrorCode.Forbidden);
  });
});
