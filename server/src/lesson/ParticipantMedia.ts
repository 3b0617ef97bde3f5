import type { Consumer } from 'mediasoup/node/lib/Consumer.js';
import type { Producer } from 'mediasoup/node/lib/Producer.js';
import type { RtpCapabilities } from 'mediasoup/node/lib/RtpParameters.js';
import type { WebRtcTransport } from 'mediasoup/node/lib/WebRtcTransport.js';
import { ErrorCode, LessonError, type MediaSource } from '@shared';

/** A producer and what it carries, so receivers know where to show it. */
export interface PublishedProducer {
  producer: Producer;
  source: MediaSource;
  /** The sender muted it itself; the floor may pause it too (see floor/microphoneGate). */
  pausedBySender: boolean;
}

/**
 * The mediasoup objects of one participant in one router. Closing it closes
 * the transports, which close their producers and consumers in the worker.
 */
export class ParticipantMedia {
  readonly transports = new Map<string, WebRtcTransport>();
  readonly producers = new Map<string, PublishedProducer>();
  readonly consumers = new Map<string, Consumer>();
  rtpCapabilities: RtpCapabilities | null = null;

  transport(transportId: string): WebRtcTransport {
    const transport = this.transports.get(transportId);
    if (!transport) throw new LessonError(ErrorCode.NotFound, `no transport ${transportId} of yours`);
    return transport;
  }

  producer(producerId: string): PublishedProducer {
    const entry = this.producers.get(producerId);
    if (!entry) throw new LessonError(ErrorCode.NotFound, `no producer ${producerId} of yours`);
    return entry;
  }

  consumer(consumerId: string): Consumer {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw new LessonError(ErrorCode.NotFound, `no consumer ${consumerId} of yours`);
    return consumer;
  }

  /** Idempotent; closing transports cascades to producers and consumers. */
  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }
}
