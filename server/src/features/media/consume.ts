import { ErrorCode, LessonError, layerForPlace, type UplinkLevel, type VideoPlace } from '@shared';
import { fromClient, whileOpen } from '../../media/mediaErrors.js';
import { rtpParametersToClient } from '../../media/wire.js';
import type { Lesson } from '../../lesson/Lesson.js';
import type { Participant } from '../../lesson/Participant.js';
import type { ReceivedTrack } from '../../lesson/ParticipantMedia.js';
import type { Handler } from '../context.js';
import { forwardedLayer, uplinkOf } from './forwardedLayer.js';
import { scheduleSendLayers } from './sendLayers.js';

/**
 * Creates a consumer, paused: the client resumes it once its side is set up,
 * so the first key frame is not lost. Only producers of the caller's own
 * lesson can be consumed, each once: the slot is reserved before the worker
 * is asked, so concurrent requests for one producer create one consumer.
 */
export const consume: Handler<'consume'> = async (request, session) => {
  const { lesson, participant } = session.joined();
  const media = participant.media;
  const local = lesson.findProducer(request.producerId);
  // Or a track of a page on another server sharing the lesson: piped into this lesson's router first.
  const track = local?.track ?? lesson.link?.remoteTrack(request.producerId);
  if (!track) throw new LessonError(ErrorCode.NotFound, `no producer ${request.producerId} in this lesson`);
  if (local?.owner === participant) throw new LessonError(ErrorCode.BadRequest, 'cannot consume your own track');
  const rtpCapabilities = media.rtpCapabilities;
  if (!rtpCapabilities) throw new LessonError(ErrorCode.BadRequest, 'declare capabilities before consuming');
  const transport = media.transportFor('recv');
  if (!transport) throw new LessonError(ErrorCode.BadRequest, 'create a receive transport first');
  // Its router: the lesson's own, or one on another worker with the producer piped in (see LessonFanout).
  const router = await (local ? Promise.resolve() : lesson.link!.bring(request.producerId))
    .then(() => lesson.fanout.reach(transport, request.producerId))
    .catch((error: unknown) => {
      if (!hasTrack(lesson, request.producerId)) throw new LessonError(ErrorCode.NotFound, 'that track has just closed');
      throw error;
    });
  if (!router.canConsume({ producerId: request.producerId, rtpCapabilities })) {
    throw new LessonError(ErrorCode.BadRequest, 'your browser cannot decode this track');
  }
  const place = placeFor(participant, request.place ?? 'tile');
  const layer = layerForPlace(place);
  const consumer = await media.addConsumer(request.producerId, () =>
    whileOpen(transport, () =>
      fromClient(() =>
        transport.consume({
          producerId: request.producerId,
          rtpCapabilities,
          paused: true,
          ...(layer !== null ? { preferredLayers: { spatialLayer: layer, temporalLayer: 2 } } : {}),
          appData: { place, ready: false },
        }),
      ),
    ),
  );
  if (consumer.closed) throw new LessonError(ErrorCode.NotFound, 'that track has just closed');
  const producerId = consumer.producerId;
  consumer.observer.once('close', () => scheduleSendLayers(lesson, producerId));
  scheduleSendLayers(lesson, producerId);
  consumer.once('producerclose', () => participant.notify({ type: 'consumerClosed', consumerId: consumer.id }));
  return {
    id: consumer.id,
    producerId,
    participantId: track.participantId,
    kind: consumer.kind,
    source: track.source,
    rtpParameters: rtpParametersToClient(consumer.rtpParameters),
  };
};

/** A track of the lesson, whether its page is on this server or another. */
const hasTrack = (lesson: Lesson, producerId: string): boolean => lesson.findProducer(producerId) !== null || !!lesson.link?.remoteTrack(producerId);

/**
 * Where the SFU serves a picture to this receiver: where it is shown, except
 * for a viewer (观众), who takes the lower layers — the middle one (640×360)
 * for the large picture, the lowest for the rest — so a crowd of phones
 * never pulls the top layer across the school's uplink or the server's.
 */
function placeFor(participant: Participant, asked: VideoPlace): VideoPlace {
  if (participant.view.role !== 'viewer') return asked;
  return asked === 'main' ? 'half' : asked === 'hidden' ? 'hidden' : 'tile';
}

/** The receiver is set up: media may flow, unless the picture is not shown anywhere on its screen. */
export const resumeConsumer: Handler<'resumeConsumer'> = async (request, session) => {
  const { lesson, participant } = session.joined();
  const received = participant.media.consumer(request.consumerId);
  received.consumer.appData['ready'] = true;
  await flowAsPlaced(lesson, received);
  return {};
};

/**
 * The picture moved on the receiver's screen: the large view takes the top
 * simulcast layer, a half screen the middle one, a small tile the lowest, and
 * a picture not shown at all is paused at the SFU so it costs no downlink.
 */
export const setConsumerPlace: Handler<'setConsumerPlace'> = async (request, session) => {
  const { lesson, participant } = session.joined();
  const received = participant.media.consumer(request.consumerId);
  // A sound has no place on screen, only heard ('main') or not ('hidden', paused at the SFU).
  if (received.consumer.kind !== 'video' && request.place !== 'hidden' && request.place !== 'main') {
    throw new LessonError(ErrorCode.BadRequest, 'a sound is either heard (main) or not (hidden)');
  }
  received.consumer.appData['place'] = placeFor(participant, request.place);
  if (received.consumer.kind !== 'video') {
    await flowAsPlaced(lesson, received);
    return {};
  }
  scheduleSendLayers(lesson, received.consumer.producerId);
  const moved = [flowAsPlaced(lesson, received)];
  // An observer watches small and may enlarge one picture at a time: enlarging another puts the last one back to a tile.
  if (participant.hidden && (request.place === 'main' || request.place === 'half')) {
    for (const other of participant.media.consumers.values()) {
      const place = other.consumer.appData['place'];
      if (other === received || other.consumer.kind !== 'video' || (place !== 'main' && place !== 'half')) continue;
      other.consumer.appData['place'] = 'tile';
      moved.push(flowAsPlaced(lesson, other));
    }
  }
  await Promise.all(moved);
  return {};
};

/**
 * Resume and place requests for one consumer may arrive back to back and each
 * awaits the worker; run them one after another so the last place asked for
 * is the one that holds (a picture hidden while it was being resumed stays paused).
 */
export function flowAsPlaced(lesson: Lesson, received: ReceivedTrack): Promise<void> {
  const { consumer } = received;
  const producerGone = (): boolean => consumer.closed || !hasTrack(lesson, consumer.producerId);
  const next = received.flowing.then(() => whileOpen(consumer, () => applyPlace(received, uplinkOf(lesson, consumer.producerId)), producerGone));
  received.flowing = next.catch(() => undefined);
  return next;
}

async function applyPlace({ consumer }: ReceivedTrack, uplink: UplinkLevel): Promise<void> {
  if (consumer.appData['ready'] !== true || consumer.closed) return;
  const layer = forwardedLayer(consumer, uplink);
  if (layer === null) {
    await consumer.pause();
    return;
  }
  if (consumer.kind === 'video' && consumer.type === 'simulcast') await consumer.setPreferredLayers({ spatialLayer: layer, temporalLayer: 2 });
  // When the downlink is short, the SFU serves the bigger places first: the large view keeps a picture while small tiles give way.
  if (consumer.kind === 'video' && consumer.priority !== layer + 1) await consumer.setPriority(layer + 1);
  if (consumer.paused) {
    await consumer.resume();
    // A fresh key frame so the picture appears now, not at the sender's next periodic one.
    if (consumer.kind === 'video') await consumer.requestKeyFrame();
  }
}
