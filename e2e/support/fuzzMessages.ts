import { opusRtpParameters } from '../../server/test/support/signallingClient.js';

/**
 * Hostile signalling for the fuzz test: what a hand-written client could send.
 * Seeded, so a failing run can be replayed with the same seed.
 */

/** One thing to send: a request with or without acknowledgement, another event, or a raw frame. */
export type Shot =
  | { kind: 'request'; payload: unknown; shape: string }
  | { kind: 'noAck'; payload: unknown; shape: string }
  | { kind: 'event'; event: string; payload: unknown; shape: string }
  | { kind: 'raw'; frames: Array<string | Uint8Array>; shape: string };

/** What the generator knows of the lesson under attack, so some requests are valid in form. */
export interface FuzzTarget {
  lessonId: string;
  classroomId: string;
  /** A real terminal's access token: its connection and joins are valid, the rest of the stream is not. */
  token: string;
  /** Producers and participants seen in the lesson, filled in as the test learns them. */
  producerIds: string[];
  participantIds: string[];
}

/** A small fast PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One example of every request type, valid in form, for the shapes to mutate and to send out of order. */
function examples(t: FuzzTarget, pick: <T>(items: T[]) => T, uuid: () => string, random: () => number): Array<Record<string, unknown>> {
  const producerId = t.producerIds.length > 0 ? pick(t.producerIds) : uuid();
  const participantId = t.participantIds.length > 0 ? pick(t.participantIds) : 'teacher';
  return [
    { type: 'joinLesson', lessonId: t.lessonId, role: 'classroom', classroomId: t.classroomId },
    // A terminal may not teach: refused (FORBIDDEN), nothing changes.
    { type: 'joinLesson', lessonId: t.lessonId, role: 'teacher' },
    { type: 'leaveLesson' },
    { type: 'declareCapabilities', rtpCapabilities: { codecs: [], headerExtensions: [] } },
    { type: 'createTransport', direction: pick(['send', 'recv']) },
    { type: 'connectTransport', transportId: uuid(), dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] } },
    { type: 'produce', transportId: uuid(), kind: 'audio', source: 'studentsMic', rtpParameters: opusRtpParameters(1000 + Math.floor(random() * 1e6)) },
    { type: 'closeProducer', producerId },
    { type: 'setProducerPaused', producerId, paused: pick([true, false]) },
    { type: 'consume', producerId, place: pick(['main', 'half', 'tile', 'hidden']) },
    { type: 'resumeConsumer', consumerId: uuid() },
    { type: 'setConsumerPlace', consumerId: uuid(), place: 'main' },
    { type: 'setLessonStatus', status: pick(['live', 'ended']) },
    { type: 'raiseHand', studentName: '小明' },
    { type: 'lowerHand', participantId },
    { type: 'lowerAllHands' },
    { type: 'grantFloor', participantId },
    { type: 'revokeFloor', participantId },
    { type: 'setDiscussion', open: pick([true, false]) },
    { type: 'muteParticipant', participantId, muted: pick([true, false]) },
    { type: 'sendChat', text: '大家好' },
    { type: 'setChatEnabled', enabled: false },
    { type: 'askQuestion', text: '老师好' },
    { type: 'setQuestionsOpen', open: pick([true, false]) },
    { type: 'showQuestion', questionId: pick([uuid(), null]) },
    { type: 'dismissQuestion', questionId: uuid() },
    { type: 'pinMainView', participantId },
    { type: 'setDirecting', choice: 'grid' },
    { type: 'saveDeviceMapping', mapping: { 'USB Camera': 'students' } },
    { type: 'startPrecheck', lessonId: t.lessonId, classroomId: t.classroomId },
    { type: 'createPrecheckTransport' },
    { type: 'connectPrecheckTransport', transportId: uuid(), dtlsParameters: { role: 'client', fingerprints: [] } },
    { type: 'producePrecheck', transportId: uuid(), kind: 'audio', rtpParameters: opusRtpParameters(77) },
    { type: 'measurePrecheck' },
    { type: 'submitPrecheck', report: { camera: 'ok', microphone: 'ok', speakers: 'heard', udp: 'ok', tcp: 'ok', turn: 'notConfigured', uploadKbps: 900 } },
    { type: 'reportQuality', samples: [] },
    { type: 'getQualityOverview' },
    { type: 'clockSync' },
    { type: 'startLatencyProbe', durationS: 3 },
    { type: 'reportLatency', probeId: uuid(), measurements: [] },
  ];
}

/** Nesting `levels` deep, alternating arrays and objects. */
function nested(levels: number, random: () => number): unknown {
  let value: unknown = random() < 0.5 ? 'leaf' : 1;
  for (let i = 0; i < levels; i++) value = random() < 0.5 ? [value] : { k: value };
  return value;
}

const wrongValues = (random: () => number, pick: <T>(items: T[]) => T): unknown =>
  pick<unknown>([null, 0, -1, 1e308, -0, true, false, '', 'x'.repeat(Math.floor(random() * 3000)), [], {}, [null], { __proto__: { polluted: true } }, '__proto__', '../../etc/passwd', '\u0000\uFFFF', 'constructor']);

/** The shapes of hostile input, each a function from an example request to a shot. */
type Mutation = (example: Record<string, unknown>) => Shot;

export class FuzzMessages {
  private readonly random: () => number;

  constructor(
    seed: number,
    private readonly target: FuzzTarget,
  ) {
    this.random = seededRandom(seed);
  }

  private pick = <T>(items: T[]): T => items[Math.floor(this.random() * items.length)]!;

  private uuid = (): string =>
    'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(this.random() * 16).toString(16));

  private readonly mutations: Array<[string, Mutation]> = [
    ['deep nesting in a field', (e) => this.request('deep nesting in a field', this.inField(e, nested(11 + Math.floor(this.random() * 20), this.random)))],
    ['deep nesting as the payload', () => this.request('deep nesting as the payload', nested(11 + Math.floor(this.random() * 20), this.random))],
    ['long array', (e) => this.request('long array', this.inField(e, new Array(1000 + Math.floor(this.random() * 20_000)).fill(7)))],
    ['many keys', (e) => this.request('many keys', { ...e, ...Object.fromEntries(Array.from({ length: 500 + Math.floor(this.random() * 5000) }, (_, i) => [`k${i}`, i])) })],
    ['wrong type', (e) => this.request('wrong type', this.inField(e, wrongValues(this.random, this.pick)))],
    ['wrong request type', (e) => this.request('wrong request type', { ...e, type: wrongValues(this.random, this.pick) })],
    ['not an object', () => this.request('not an object', wrongValues(this.random, this.pick))],
    ['prototype keys', (e) => this.request('prototype keys', JSON.parse(`{"type":${JSON.stringify(e['type'])},"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}`))],
    ['valid out of order', (e) => this.request('valid out of order', e)],
    ['without acknowledgement', (e) => ({ kind: 'noAck', payload: e, shape: 'without acknowledgement' })],
    ['unknown event', (e) => ({ kind: 'event', event: this.pick(['grantEverything', 'admin', '__proto__', 'hasOwnProperty', 'x'.repeat(200), 'notice']), payload: e, shape: 'unknown event' })],
    ['binary attachment', () => ({
      kind: 'raw',
      shape: 'binary attachment',
      frames: [`51-["request",{"type":"produce","rtpParameters":${'{"a":'.repeat(40)}{"_placeholder":true,"num":0}${'}'.repeat(40)}}]`, new Uint8Array(64)],
    })],
    ['frame nested beyond the parser', () => ({ kind: 'raw', shape: 'frame nested beyond the parser', frames: [`2["request",${'['.repeat(3000 + Math.floor(this.random() * 20_000))}${']'.repeat(10)}]`] })],
    ['malformed frame', () => ({ kind: 'raw', shape: 'malformed frame', frames: [this.pick(['2["request",{"type":', '2{', '9', '2["request"]]]]', '0/admin,{}', '2[' + '"x",'.repeat(500) + '1]'])] })],
  ];

  /** The next shot; hostile shapes most of the time, valid requests out of order the rest. */
  next(): Shot {
    const example = this.pick(examples(this.target, this.pick, this.uuid, this.random));
    const [, mutate] = this.pick(this.mutations);
    return mutate(example);
  }

  private request(shape: string, payload: unknown): Shot {
    return { kind: 'request', payload, shape };
  }

  /** The example with one of its fields (or a new one) replaced by `value`. */
  private inField(example: Record<string, unknown>, value: unknown): Record<string, unknown> {
    const fields = Object.keys(example).filter((k) => k !== 'type');
    const field = fields.length > 0 && this.random() < 0.8 ? this.pick(fields) : 'extra';
    return { ...example, [field]: value };
  }
}
