import type { Consumer } from 'mediasoup/node/lib/Consumer.js';
import type { Producer } from 'mediasoup/node/lib/Producer.js';
import type { RtpCapabilities } from 'mediasoup/node/lib/RtpParameters.js';
import type { WebRtcTransport } from 'mediasoup/node/lib/WebRtcTransport.js';
import { ErrorCode, LessonError, type MediaSource, type UplinkLevel } from '@shared';

/** A producer and what it carries, so receivers know where to show it. */
export interface PublishedProducer {
  producer: Producer;
  source: MediaSource;
  /** The sender muted it itself; the floor may pause it too (see MicrophoneGate). */
  pausedBySender: boolean;
  /** The highest simulcast layer its sender was last told to encode (see sendLayers). */
  toldLayer: number | null;
  /** A pending re-decision of those layers. */
  layerTimer: NodeJS.Timeout | null;
}

/** A consumer and the queue its resume and place changes run in, one after another. */
export interface ReceivedTrack {
  consumer: Consumer;
  flowing: Promise<void>;
}

export type TransportDirection = 'send' | 'recv';

/** What the media holds: a worker object that can close, and says so (the part of their observers used here). */
interface MediaObject {
  readonly closed: boolean;
  close(): void;
  readonly observer: { once(event: 'close', listener: () => void): unknown };
}

/**
 * The mediasoup objects of one participant in one router, and the caps on
 * them: one send and one receive transport, one consumer per producer, one
 * producer per source. A slot is reserved before the first `await` of the
 * request that fills it, so concurrent requests cannot slip past the cap;
 * it frees when its object closes (or its creation fails). Closing the media
 * closes the transports, which close their producers and consumers in the
 * worker; anything created after that is closed as it arrives.
 */
export class ParticipantMedia {
  readonly transports = new Map<string, WebRtcTransport>();
  readonly producers = new Map<string, PublishedProducer>();
  readonly consumers = new Map<string, ReceivedTrack>();
  rtpCapabilities: RtpCapabilities | null = null;
  /** What the SFU forwards of this participant's uplink and what it last measured of it (see uplinkGuard). */
  uplink: { level: UplinkLevel; kbps: number } = { level: 'normal', kbps: 0 };
  private readonly slots = new Set<string>();
  private closed = false;

  /** A transport in the slot of its direction (one each), or LIMIT_REACHED. */
  addTransport(direction: TransportDirection, create: () => Promise<WebRtcTransport>): Promise<WebRtcTransport> {
    return this.fill(`transport:${direction}`, `you already have a ${direction} transport`, create, (transport) => {
      this.transports.set(transport.id, transport);
      return () => this.transports.delete(transport.id);
    });
  }

  /** A producer in the slot of its source (one each), or LIMIT_REACHED. */
  addProducer(source: MediaSource, create: () => Promise<Producer>): Promise<Producer> {
    return this.fill(`produce:${source}`, `a ${source} is already published; close it first`, create, (producer) => {
      const entry: PublishedProducer = { producer, source, pausedBySender: false, toldLayer: null, layerTimer: null };
      this.producers.set(producer.id, entry);
      return () => {
        this.producers.delete(producer.id);
        if (entry.layerTimer) clearTimeout(entry.layerTimer);
      };
    });
  }

  /** A consumer in the slot of its producer (one each), or LIMIT_REACHED. */
  addConsumer(producerId: string, create: () => Promise<Consumer>): Promise<Consumer> {
    return this.fill(`consume:${producerId}`, 'you already receive this track', create, (consumer) => {
      this.consumers.set(consumer.id, { consumer, flowing: Promise.resolve() });
      return () => this.consumers.delete(consumer.id);
    });
  }

  /**
   * The one way objects enter this media: the slot is taken before `create`
   * awaits the worker (so concurrent requests cannot pass the cap), freed if
   * creation fails or when the object closes; an object that arrives after
   * this media closed (its participant left) is closed at once.
   */
  private async fill<T extends MediaObject>(slot: string, what: string, create: () => Promise<T>, keep: (made: T) => () => void): Promise<T> {
    if (this.closed) throw new LessonError(ErrorCode.NotFound, 'you have left the lesson');
    if (this.slots.has(slot)) throw new LessonError(ErrorCode.LimitReached, what);
    this.slots.add(slot);
    let made: T;
    try {
      made = await create();
    } catch (error) {
      this.slots.delete(slot);
      throw error;
    }
    const forget = keep(made);
    made.observer.once('close', () => {
      forget();
      this.slots.delete(slot);
    });
    if (this.closed) made.close();
    return made;
  }

  /**
   * Whether this media is exactly what a page holds: these transports and
   * nothing being created besides. A page that holds none matches only an
   * empty media (a transport still being created for a set-up it gave up
   * would otherwise keep its slot taken).
   */
  heldExactlyBy(transportIds: string[]): boolean {
    const open = [...this.transports.keys()];
    const pendingTransports = [...this.slots].filter((slot) => slot.startsWith('transport:')).length - open.length;
    if (transportIds.length === 0) return this.slots.size === 0;
    return pendingTransports === 0 && open.length === transportIds.length && open.every((id) => transportIds.includes(id));
  }

  transport(transportId: string): WebRtcTransport {
    const transport = this.transports.get(transportId);
    if (!transport) throw new LessonError(ErrorCode.NotFound, `no transport ${transportId} of yours`);
    return transport;
  }

  /** The transport of one direction, if it exists. */
  transportFor(direction: TransportDirection): WebRtcTransport | undefined {
    return [...this.transports.values()].find((t) => t.appData['direction'] === direction);
  }

  producer(producerId: string): PublishedProducer {
    const entry = this.producers.get(producerId);
    if (!entry) throw new LessonError(ErrorCode.NotFound, `no producer ${producerId} of yours`);
    return entry;
  }

  consumer(consumerId: string): ReceivedTrack {
    const entry = this.consumers.get(consumerId);
    if (!entry) throw new LessonError(ErrorCode.NotFound, `no consumer ${consumerId} of yours`);
    return entry;
  }

  /**
   * Asks every picture this participant receives (of the producers
   * `ofProducer` picks) for a key frame, so that
   * after its path was lost and repaired the pictures restart at once instead
   * of when the browser notices what it missed and asks itself.
   */
  requestKeyFrames(ofProducer: (producerId: string) => boolean = () => true): void {
    for (const { consumer } of this.consumers.values()) {
      if (consumer.kind === 'video' && !consumer.closed && ofProducer(consumer.producerId)) consumer.requestKeyFrame().catch(() => undefined);
    }
  }

  /** Idempotent; closing transports cascades to producers and consumers. */
  close(): void {
    this.closed = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }
}
