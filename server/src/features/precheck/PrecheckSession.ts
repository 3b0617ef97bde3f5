import type { Producer } from 'mediasoup/node/lib/Producer.js';
import type { WebRtcTransport } from 'mediasoup/node/lib/WebRtcTransport.js';
import { ErrorCode, LessonError, type PrecheckMeasurement, type ServerNotice } from '@shared';
import type { Lesson } from '../../lesson/Lesson.js';
import { fromClient, whileOpen } from '../../media/mediaErrors.js';

/** A check needs one transport per way tried (UDP, TCP, the relay's UDP, TCP and TLS) and a retry. */
const MAX_TRANSPORTS = 6;
/** A simulcast camera test and, if wanted, a microphone test per transport. */
const MAX_PRODUCERS = 8;

/**
 * One classroom's pre-class check on one signalling connection. It uses the
 * lesson's router (so the test reaches the very worker port the lesson will
 * use) but is not a participant: nobody is told of its test stream, and a
 * classroom page already in the lesson is not replaced. One check per
 * classroom at a time; it holds the lesson open while it runs. Closing it
 * closes its transports and lets the lesson go.
 *
 * If the lesson's worker dies, the test transports die with it: the page is
 * told as a lesson page is (`mediaUnavailable` while no worker runs,
 * `mediaRestart` once the lesson has a new router) and starts the check again.
 */
export class PrecheckSession {
  readonly transports = new Map<string, WebRtcTransport>();
  readonly producers = new Map<string, Producer>();
  /** The last rate the SFU received from the test stream, for the record. */
  receivedKbps: number | null = null;
  private closed = false;
  private pendingTransports = 0;
  private pendingProducers = 0;
  private readonly release: () => void;
  private readonly unsubscribe: Array<() => void>;

  /** Starts a check of `classroom`, or LIMIT_REACHED while another check of it runs. */
  constructor(
    readonly lesson: Lesson,
    readonly classroom: { id: string; name: string },
    /** The same cap as a lesson's send transport (MAX_UPLINK_KBPS), so the estimate means what the lesson will get. */
    private readonly maxIncomingBitrate: number,
    /** Sends a notice to the page running the check. */
    tell: (notice: ServerNotice) => void,
  ) {
    this.release = lesson.reserveCheck(classroom.id);
    this.unsubscribe = [
      lesson.on('mediaunavailable', () => tell({ type: 'mediaUnavailable', reason: 'no media server is running; the server keeps trying' })),
      lesson.on('routerchanged', () => tell({ type: 'mediaRestart', reason: 'media server restarted' })),
    ];
  }

  /** The lesson, or NOT_FOUND if it closed under the check (e.g. its last participant left). */
  liveLesson(): Lesson {
    if (this.closed) throw new LessonError(ErrorCode.NotFound, 'this check has ended; start it again');
    if (this.lesson.isClosed) throw new LessonError(ErrorCode.NotFound, 'the lesson closed; start the check again');
    return this.lesson;
  }

  async createTransport(): Promise<WebRtcTransport> {
    const lesson = this.liveLesson();
    // Counted before the worker is asked, so concurrent requests cannot pass the cap.
    if (this.transports.size + this.pendingTransports >= MAX_TRANSPORTS) {
      throw new LessonError(ErrorCode.LimitReached, `a check uses at most ${MAX_TRANSPORTS} transports`);
    }
    this.pendingTransports++;
    const transport = await lesson.router.createWebRtcTransport({
      webRtcServer: lesson.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      // The same start as a lesson's transports, so the estimate ramps as a real lesson would.
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { precheck: true, classroomId: this.classroom.id },
    }).finally(() => this.pendingTransports--);
    transport.observer.once('close', () => this.transports.delete(transport.id));
    if (this.closed) {
      transport.close();
      throw new LessonError(ErrorCode.NotFound, 'this check has ended; start it again');
    }
    this.transports.set(transport.id, transport);
    await whileOpen(transport, () => transport.setMaxIncomingBitrate(this.maxIncomingBitrate));
    return transport;
  }

  transport(transportId: string): WebRtcTransport {
    this.liveLesson();
    const transport = this.transports.get(transportId);
    if (!transport) throw new LessonError(ErrorCode.NotFound, `no check transport ${transportId} of yours`);
    return transport;
  }

  async produce(transport: WebRtcTransport, options: Parameters<WebRtcTransport['produce']>[0]): Promise<Producer> {
    if (this.producers.size + this.pendingProducers >= MAX_PRODUCERS) {
      throw new LessonError(ErrorCode.LimitReached, `a check sends at most ${MAX_PRODUCERS} test streams`);
    }
    this.pendingProducers++;
    const producer = await whileOpen(transport, () => fromClient(() => transport.produce(options))).finally(() => this.pendingProducers--);
    producer.observer.once('close', () => this.producers.delete(producer.id));
    if (this.closed) {
      producer.close();
      throw new LessonError(ErrorCode.NotFound, 'this check has ended; start it again');
    }
    this.producers.set(producer.id, producer);
    return producer;
  }

  /** What the SFU receives now (mediasoup's own per-layer bitrate) and how each test transport connected. */
  async measure(): Promise<PrecheckMeasurement> {
    this.liveLesson();
    let bitrate = 0;
    for (const producer of this.producers.values()) {
      for (const stat of await whileOpen(producer, () => producer.getStats())) bitrate += stat.bitrate ?? 0;
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
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.release();
  }
}
