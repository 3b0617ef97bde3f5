import type { Producer } from 'mediasoup/node/lib/Producer.js';
import type { WebRtcTransport } from 'mediasoup/node/lib/WebRtcTransport.js';
import { ErrorCode, LessonError, type PrecheckMeasurement } from '@shared';
import type { Lesson } from '../../lesson/Lesson.js';
import type { LessonRegistry } from '../../lesson/LessonRegistry.js';

/** A check needs one transport per protocol tried (UDP, TCP, later TURN) and a retry. */
const MAX_TRANSPORTS = 4;
/** A simulcast camera test and, if wanted, a microphone test per transport. */
const MAX_PRODUCERS = 8;

/** Checks running per lesson: the lesson's router stays open while one runs, even with nobody in the lesson. */
const running = new WeakMap<Lesson, number>();

/**
 * One classroom's pre-class check on one signalling connection. It uses the
 * lesson's router (so the test reaches the very worker port the lesson will
 * use) but is not a participant: nobody is told of its test stream, and a
 * classroom page already in the lesson is not replaced. Closing it closes
 * its transports and, if nobody is in the lesson, the lesson's router.
 */
export class PrecheckSession {
  readonly transports = new Map<string, WebRtcTransport>();
  readonly producers = new Map<string, Producer>();
  /** The last rate the SFU received from the test stream, for the record. */
  receivedKbps: number | null = null;
  private closed = false;

  constructor(
    readonly lesson: Lesson,
    readonly classroom: { id: string; name: string },
    private readonly registry: LessonRegistry,
    /** The same cap as a lesson's send transport (MAX_UPLINK_KBPS), so the estimate means what the lesson will get. */
    private readonly maxIncomingBitrate: number,
  ) {
    running.set(lesson, (running.get(lesson) ?? 0) + 1);
  }

  /** The lesson, or NOT_FOUND if it closed under the check (e.g. its last participant left). */
  liveLesson(): Lesson {
    if (this.closed) throw new LessonError(ErrorCode.NotFound, 'this check has ended; start it again');
    if (this.lesson.isClosed) throw new LessonError(ErrorCode.NotFound, 'the lesson closed; start the check again');
    return this.lesson;
  }

  async createTransport(): Promise<WebRtcTransport> {
    const lesson = this.liveLesson();
    if (this.transports.size >= MAX_TRANSPORTS) throw new LessonError(ErrorCode.BadRequest, `a check uses at most ${MAX_TRANSPORTS} transports`);
    const transport = await lesson.router.createWebRtcTransport({
      webRtcServer: lesson.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      // The same start as a lesson's transports, so the estimate ramps as a real lesson would.
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { precheck: true, classroomId: this.classroom.id },
    });
    await transport.setMaxIncomingBitrate(this.maxIncomingBitrate);
    this.transports.set(transport.id, transport);
    transport.observer.once('close', () => this.transports.delete(transport.id));
    return transport;
  }

  transport(transportId: string): WebRtcTransport {
    this.liveLesson();
    const transport = this.transports.get(transportId);
    if (!transport) throw new LessonError(ErrorCode.NotFound, `no check transport ${transportId} of yours`);
    return transport;
  }

  async produce(transport: WebRtcTransport, options: Parameters<WebRtcTransport['produce']>[0]): Promise<Producer> {
    if (this.producers.size >= MAX_PRODUCERS) throw new LessonError(ErrorCode.BadRequest, `a check sends at most ${MAX_PRODUCERS} test streams`);
    const producer = await transport.produce(options);
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => this.producers.delete(producer.id));
    return producer;
  }

  /** What the SFU receives now (mediasoup's own per-layer bitrate) and how each test transport connected. */
  async measure(): Promise<PrecheckMeasurement> {
    this.liveLesson();
    let bitrate = 0;
    for (const producer of this.producers.values()) {
      for (const stat of await producer.getStats()) bitrate += stat.bitrate ?? 0;
    }
    this.receivedKbps = Math.round(bitrate / 1000);
    const transports = [...this.transports.values()].map((t) => ({
      id: t.id,
      iceState: t.iceState,
      protocol: t.iceSelectedTuple?.protocol ?? null,
    }));
    return { receivedKbps: this.receivedKbps, transports };
  }

  /** Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    const left = (running.get(this.lesson) ?? 1) - 1;
    running.set(this.lesson, left);
    if (left === 0) this.registry.closeIfEmpty(this.lesson);
  }
}
