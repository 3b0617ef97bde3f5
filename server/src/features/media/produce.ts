import { ErrorCode, isMicrophone, kindOfSource, LessonError, mayBeHeard } from '@shared';
import { whileOpen } from '../../media/mediaErrors.js';
import { rtpParametersFromClient } from '../../media/wire.js';
import type { Handler } from '../context.js';
import { scheduleFirstSendLayers } from './sendLayers.js';

/**
 * Publishes a camera, a courseware screen or a microphone. Everyone else in the lesson is told, and
 * each of them asks to consume it.
 */
export const produce: Handler<'produce'> = async (request, session) => {
  const { lesson, participant } = session.joined();
  if (kindOfSource(request.source) !== request.kind) {
    throw new LessonError(ErrorCode.BadRequest, `a ${request.source} track must be ${kindOfSource(request.source)}`);
  }
  const transport = participant.media.transport(request.transportId);
  if (transport.appData['direction'] !== 'send') throw new LessonError(ErrorCode.BadRequest, 'that transport is for receiving');
  const track = await lesson.publish(participant, transport, {
    kind: request.kind,
    source: request.source,
    rtpParameters: rtpParametersFromClient(request.rtpParameters),
  });
  scheduleFirstSendLayers(lesson, track.producerId);
  return { producerId: track.producerId };
};

export const closeProducer: Handler<'closeProducer'> = async (request, session) => {
  const { lesson, participant } = session.joined();
  lesson.unpublish(participant, request.producerId);
  return {};
};

/** The sender pauses its own track (e.g. the classroom mutes its microphone). */
export const setProducerPaused: Handler<'setProducerPaused'> = async (request, session) => {
  const { lesson, participant } = session.joined();
  const entry = participant.media.producer(request.producerId);
  if (isMicrophone(entry.source)) {
    if (!request.paused && !mayBeHeard(participant.id, lesson.floor)) {
      throw new LessonError(ErrorCode.NoFloor, 'you do not have the floor; raise your hand');
    }
    entry.pausedBySender = request.paused;
    await lesson.microphones.apply();
    return {};
  }
  const { producer } = entry;
  if (request.paused !== producer.paused) {
    await whileOpen(producer, () => (request.paused ? producer.pause() : producer.resume()));
    lesson.broadcast({ type: 'trackPaused', producerId: producer.id, paused: request.paused });
    const track = participant.track(producer.id);
    if (track) lesson.emit('trackpaused', track);
  }
  return {};
};
