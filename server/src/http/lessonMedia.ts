import type { Consumer } from 'mediasoup/node/lib/Consumer.js';
import type { WebRtcTransport } from 'mediasoup/node/lib/WebRtcTransport.js';
import { videoPlaceSchema, type ConsumerView, type MediaView } from '@shared';
import type { Lesson } from '../lesson/Lesson.js';

/**
 * What each receiver of a live lesson gets: the SFU's estimate of its
 * downlink, and per consumer its source, where it is shown, the simulcast
 * layer asked for and the one the SFU forwards now.
 */
export async function lessonMediaView(lesson: Lesson): Promise<MediaView> {
  const receivers = await Promise.all(
    [...lesson.participants.values()].map(async (participant) => ({
      participantId: participant.id,
      downlinkEstimateKbps: await downlinkEstimateKbps(participant.media.transports.values()),
      worker: workerOf(lesson, participant.media.transportFor('recv')),
      consumers: [...participant.media.consumers.values()].map(({ consumer }) => consumerView(lesson, consumer)),
    })),
  );
  return { receivers };
}

function workerOf(lesson: Lesson, transport: WebRtcTransport | undefined): number | null {
  return transport ? lesson.fanout.workerOf(transport) : null;
}

/** One consumer for the media view: whose track, where it is shown, the layer asked for and the one forwarded. */
function consumerView(lesson: Lesson, consumer: Consumer): ConsumerView {
  const sender = lesson.findProducer(consumer.producerId);
  return {
    producerId: consumer.producerId,
    from: sender?.owner.id ?? null,
    source: sender?.track.source ?? null,
    kind: consumer.kind,
    place: consumer.kind === 'video' ? (videoPlaceSchema.safeParse(consumer.appData['place']).data ?? null) : null,
    paused: consumer.paused || consumer.producerPaused,
    preferredSpatialLayer: consumer.preferredLayers?.spatialLayer ?? null,
    currentSpatialLayer: consumer.currentLayers?.spatialLayer ?? null,
    currentTemporalLayer: consumer.currentLayers?.temporalLayer ?? null,
  };
}

/** The SFU's bandwidth estimate towards a participant (its receive transport), in kbit/s; null before it has one. */
async function downlinkEstimateKbps(transports: Iterable<WebRtcTransport>): Promise<number | null> {
  for (const transport of transports) {
    if (transport.appData['direction'] !== 'recv' || transport.closed) continue;
    const [stats] = await transport.getStats().catch(() => []);
    const bitrate = stats?.availableOutgoingBitrate;
    return typeof bitrate === 'number' ? Math.round(bitrate / 1000) : null;
  }
  return null;
}
