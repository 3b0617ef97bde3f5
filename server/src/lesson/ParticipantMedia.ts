import type { Consumer } from 'mediasoup/node/lib/Consumer.js';
import type { Producer } from 'mediasoup/node/lib/Producer.js';
import type { RtpCapabilities } from 'mediasoup/node/lib/RtpParameters.js';
import type { WebRtcTransport } from 'mediasoup/node/lib/WebRtcTransport.js';
import { ErrorCode, LessonError, type MediaSource } from '@shared';

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
  private readonly slots = new Set<string>();
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  /** Reserves a slot, or LIMIT_REACHED; the returned function frees it. */
  reserve(slot: `transport:${TransportDirection}` | `consume:${string}` | `produce:${MediaSource}`, what: string): () => void {
    if (this.closed) throw new LessonError(ErrorCode.NotFound, 'you have left the lesson');
    if (this.slots.has(slot)) throw new LessonError(ErrorCode.LimitReached, what);
    this.slots.add(slot);
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      this.slots.delete(slot);
    };
  }

  /** Keeps a transport the worker just created, or closes it if this media closed meanwhile. */
  adoptTransport(transport: WebRtcTransport, free: () => void): void {
    transport.observer.once('close', () => {
      this.transports.delete(transport.id);
      free();
    });
    if (this.closed) return void transport.close();
    this.transports.set(transport.id, transport);
  }

  adoptProducer(entry: PublishedProducer, free: () => void): void {
    entry.producer.observer.once('close', () => {
      this.producers.delete(entry.producer.id);
      if (entry.layerTimer) clearTimeout(entry.layerTimer);
      free();
    });
    if (this.closed) return void entry.producer.close();
    this.producers.set(entry.producer.id, entry);
  }

  adoptConsumer(consumer: Consumer, free: () => void): void {
    consumer.observer.once('close', () => {
      this.consumers.delete(consumer.id);
      free();
    });
    if (this.closed) return void consumer.close();
    this.consumers.set(consumer.id, { consumer, flowing: Promise.resolve() });
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

  /** Idempotent; closing transports cascades to producers and consumers. */
  close(): void {
    this.closed = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }
}
