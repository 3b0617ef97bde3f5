import { describe, expect, it } from 'vitest';
import { clientRequestSchema } from './requests.js';
import { serverNoticeSchema } from './notices.js';

describe('the shared request schema', () => {
  it('accepts a well-formed join', () => {
    const join = { type: 'joinLesson', lessonId: 'demo', role: 'classroom', classroomId: 'shanping-4' };
    expect(clientRequestSchema.parse(join)).toEqual(join);
  });

  it.each([
    ['a lesson id with a path in it', { type: 'joinLesson', lessonId: '../etc', role: 'teacher' }],
    ['an unknown role', { type: 'joinLesson', lessonId: 'demo', role: 'principal' }],
    // Who may join is the session's, never something the request carries: an old link key is an unknown field.
    ['a link key', { type: 'joinLesson', lessonId: 'demo', role: 'teacher', key: 'UL2IJEuNDsZ6mC4RREU5VA' }],
    ['a transport id that is not a uuid', { type: 'connectTransport', transportId: 'x', dtlsParameters: {} }],
    ['rtpParameters that are not an object', { type: 'produce', transportId: crypto.randomUUID(), kind: 'video', source: 'teacher', rtpParameters: [] }],
    ['a place that does not exist', { type: 'setConsumerPlace', consumerId: crypto.randomUUID(), place: 'huge' }],
    ['a status a lesson cannot be set to', { type: 'setLessonStatus', status: 'waiting' }],
    ['an extra field', { type: 'leaveLesson', extra: 1 }],
    ['no type', { lessonId: 'demo' }],
  ])('rejects %s', (_name, payload) => {
    expect(clientRequestSchema.safeParse(payload).success).toBe(false);
  });
});

describe('the shared notice schema', () => {
  it('parses a published track and rejects an unknown source', () => {
    const track = { producerId: 'p', participantId: 'teacher', kind: 'video', source: 'teacher', paused: false };
    expect(serverNoticeSchema.safeParse({ type: 'trackPublished', track }).success).toBe(true);
    expect(serverNoticeSchema.safeParse({ type: 'trackPublished', track: { ...track, source: 'hologram' } }).success).toBe(false);
  });
});
