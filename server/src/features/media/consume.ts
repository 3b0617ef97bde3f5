import { ErrorCode, LessonError } from '@shared';
import { rtpParametersToClient } from '../../media/wire.js';
import type { Handler } from '../../signalling/context.js';

/**
 * Creates a consumer, paused: the client resumes it once its side is set up,
 * so the first key frame is not lost. Only producers of the caller's own
 * lesson can be consumed.
 */
export const consume: Handler<'consume'> = async (request, session) => {
  const { lesson, participant } = session.joined();
  const media = participant.media;
  const found = lesson.findProducer(request.producerId);
  if (!found) throw new LessonError(ErrorCode.NotFound, `no producer ${request.producerId} in this lesson`);
  if (found.owner === participant) throw new LessonError(ErrorCode.BadRequest, 'cannot consume your own track');
  if (!media.rtpCapabilities) throw new LessonError(ErrorCode.BadRequest, 'declare capabilities before consuming');
  if (!lesson.router.canConsume({ producerId: request.producerId, rtpCapabilities: media.rtpCapabilities })) {
    throw new LessonError(ErrorCode.BadRequest, 'your browser cannot decode this track');
  }
  const transport = [...media.transports.values()].find((t) => t.appData['direction'] === 'recv');
  if (!transport) throw new LessonError(ErrorCode.BadRequest, 'create a receive transport first');
  const consumer = await transport.consume({
    producerId: request.producerId,
    rtpCapabilities: media.rtpCapabilities,
    paused: true,
    ...(request.spatialLayer !== undefined ? { preferredLayers: { spatialLayer: request.spatialLayer, temporalLayer: 2 } } : {}),
  });
  media.consumers.set(consumer.id, consumer);
  consumer.observer.once('close', () => media.consumers.delete(consumer.id));
  consumer.once('producerclose', () => participant.notify({ type: 'consumerClosed', consumerId: consumer.id }));
  return {
    id: consumer.id,
    producerId: request.producerId,
    participantId: found.owner.id,
    kind: consumer.kind,
    source: found.track.source,
    rtpParameters: rtpParametersToClient(consumer.rtpParameters),
  };
};

export const resumeConsumer: Handler<'resumeConsumer'> = async (request, session) => {
  const { participant } = session.joined();
  const consumer = participant.media.consumer(request.consumerId);
  await consumer.resume();
  // A fresh key frame so the picture appears now, not at the sender's next periodic one.
  if (consumer.kind === 'video') await consumer.requestKeyFrame();
  return {};
};

/** The receiver's tile changed size: main view takes the top simulcast layer, a small tile the lowest. */
export const setConsumerLayer: Handler<'setConsumerLayer'> = async (request, session) => {
  const { participant } = session.joined();
  const consumer = participant.media.consumer(request.consumerId);
  if (consumer.kind !== 'video') throw new LessonError(ErrorCode.BadRequest, 'only video has layers');
  await consumer.setPreferredLayers({ spatialLayer: request.spatialLayer, temporalLayer: 2 });
  return {};
};
