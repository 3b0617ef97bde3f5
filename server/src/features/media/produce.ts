import { ErrorCode, isMicrophone, kindOfSource, LessonError, mayBeHeard } from '@shared';
import { rtpParametersFromClient } from '../../media/wire.js';
import { applyFloor } from '../floor/microphoneGate.js';
import { scheduleFirstSendLayers } from './sendLayers.js';
import type { Handler } from '../../signalling/context.js';

/**
 * Publishes a camera, a courseware screen or a microphone. Everyone else in the lesson is told, and
 * each of them asks to consume it.
 */
export const produce: Handler<'produce'> = async (request, session) => {
  const { lesson, participant } = session.joined();
  if (lesson.status === 'ended') throw new LessonError(ErrorCode.LessonEnded, 'the lesson has ended (下课)');
  if (kindOfSource(request.source) !== request.kind) {
    throw new LessonError(ErrorCode.BadRequest, `a ${request.source} track must be ${kindOfSource(request.source)}`);
  }
  const media = participant.media;
  const transport = media.transport(request.transportId);
  if (transport.appData['direction'] !== 'send') throw new LessonError(ErrorCode.BadRequest, 'that transport is for receiving');
  for (const { producer, source } of media.producers.values()) {
    if (source === request.source) {
      throw new LessonError(ErrorCode.BadRequest, `a ${request.source} is already published; close it first`);
    }
  }
  const producer = await transport.produce({
    kind: request.kind,
    rtpParameters: rtpParametersFromClient(request.rtpParameters),
    appData: { source: request.source, participantId: participant.id },
  });
  media.producers.set(producer.id, { producer, source: request.source, pausedBySender: false });
  producer.observer.once('close', () => media.producers.delete(producer.id));
  if (isMicrophone(request.source)) {
    // Paused at the SFU before anyone hears of it, if the floor says so.
    await applyFloor(lesson);
    await lesson.director.observe(producer.id);
  }
  lesson.broadcast(
    { type: 'trackPublished', track: { producerId: producer.id, participantId: participant.id, kind: producer.kind, source: request.source, paused: producer.paused } },
    participant.id,
  );
  lesson.stage.refresh();
  scheduleFirstSendLayers(lesson, producer.id);
  return { producerId: producer.id };
};

export const closeProducer: Handler<'closeProducer'> = async (request, session) => {
  const { lesson, participant } = session.joined();
  participant.media.producer(request.producerId).producer.close();
  lesson.broadcast({ type: 'trackClosed', producerId: request.producerId }, participant.id);
  lesson.stage.refresh();
  return {};
};

/** The sender pauses its own track (e.g. the classroom mutes its microphone). */
export const setProducerPaused: Handler<'setProducerPaused'> = async (request, session) => {
  const { lesson, participant } = session.joined();
  const entry = participant.media.producer(request.producerId);
  if (isMicrophone(entry.source) && !request.paused && !mayBeHeard(participant.id, lesson.floor)) {
    throw new LessonError(ErrorCode.NoFloor, 'you do not have the floor; raise your hand');
  }
  entry.pausedBySender = request.paused;
  if (isMicrophone(entry.source)) {
    await applyFloor(lesson);
  } else if (request.paused !== entry.producer.paused) {
    await (request.paused ? entry.producer.pause() : entry.producer.resume());
    lesson.broadcast({ type: 'trackPaused', producerId: entry.producer.id, paused: request.paused });
  }
  return {};
};
