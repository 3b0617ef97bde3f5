import { ErrorCode, LessonError } from '@shared';
import { fromClient, whileOpen } from '../../media/mediaErrors.js';
import { capabilitiesFromClient, dtlsFromClient, transportOptionsOf } from '../../media/wire.js';
import { restartPictures } from '../../lesson/reconnection.js';
import type { Handler } from '../context.js';
import { guardUplinks } from './uplinkGuard.js';

/** Bitrate the SFU assumes towards a new receiver before it has measured the link. */
const INITIAL_OUTGOING_BITRATE = 1_000_000;

/**
 * The least the SFU's estimate of a classroom's downlink may fall to: the
 * smallest simulcast layer (at most 150 kbit/s) and the voice. When a link
 * suddenly narrows, the congestion controller's estimate overshoots far below
 * the link (measured: 81 kbit/s on a 600 kbit/s link) and climbs back at a
 * few percent a second; below the smallest layer the SFU forwards no picture
 * at all, and the classroom's screen froze for seconds. A classroom whose
 * link really is below this has no usable lesson either way.
 */
const MIN_DOWNLINK_ESTIMATE = 200_000;

/** Sent once after the client loaded its Device: consumers are created for these capabilities. */
export const declareCapabilities: Handler<'declareCapabilities'> = async (request, session) => {
  const { participant } = session.joined();
  // Checked where they are used (canConsume, consume), which refuse bad ones.
  participant.media.rtpCapabilities = capabilitiesFromClient(request.rtpCapabilities);
  return {};
};

/**
 * A WebRTC transport on the lesson's worker WebRtcServer (one shared UDP/TCP
 * port pair per worker). One per direction per participant: the slot is
 * reserved before the worker is asked, so a hundred requests at once create
 * one transport and ninety-nine LIMIT_REACHED replies.
 */
export const createTransport: Handler<'createTransport'> = async (request, session, services) => {
  const { lesson, participant } = session.joined();
  const media = participant.media;
  // Closed at once if the participant left (or was replaced) while the worker created it.
  // A receive-only participant of a lesson whose worker is full is served from another worker (see LessonFanout).
  const transport = await media.addTransport(request.direction, async () => {
    const handle = await lesson.fanout.place(participant.id, request.direction === 'recv' && participant.hidden);
    const made = await handle.router.createWebRtcTransport({
      webRtcServer: handle.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
      // What it will receive, counted on its worker before it has consumed anything (see WorkerLoad).
      appData: { direction: request.direction, participantId: participant.id, expectedConsumers: request.direction === 'recv' ? lesson.everyTrack().length : 0 },
    });
    lesson.fanout.made(made, handle);
    return made;
  });
  if (request.direction === 'send') guardUplinks(lesson, services.config.maxUplinkBitrate);
  // A new path (an ICE restart after a lost network, a classroom PC that changed networks): its pictures restart at once.
  if (request.direction === 'recv') transport.on('iceselectedtuplechange', () => media.requestKeyFrames());
  await whileOpen(transport, () =>
    request.direction === 'send' ? transport.setMaxIncomingBitrate(services.config.maxUplinkBitrate) : transport.setMinOutgoingBitrate(MIN_DOWNLINK_ESTIMATE),
  );
  return transportOptionsOf(transport);
};

export const connectTransport: Handler<'connectTransport'> = async (request, session) => {
  const { participant } = session.joined();
  const transport = participant.media.transport(request.transportId);
  await whileOpen(transport, () => fromClient(() => transport.connect({ dtlsParameters: dtlsFromClient(request.dtlsParameters) })));
  return {};
};

/**
 * New ICE credentials for a transport whose path was lost: the page restarts
 * ICE with them and its producers and consumers carry on over the new path
 * (no new transport, nothing re-negotiated).
 */
export const restartIce: Handler<'restartIce'> = async (request, session) => {
  const { participant } = session.joined();
  const transport = participant.media.transport(request.transportId);
  return { iceParameters: await whileOpen(transport, () => transport.restartIce()) };
};

/** One key-frame round per participant per second at most: each costs every sender a burst of bandwidth. */
const restored = new WeakMap<object, number>();
const PATH_RESTORED_EVERY_MS = 1000;

/** The page's media path came back after a loss: the pictures on both sides restart at once (see restartPictures). */
export const pathRestored: Handler<'pathRestored'> = async (_request, session) => {
  const { lesson, participant } = session.joined();
  const last = restored.get(participant) ?? 0;
  if (Date.now() - last < PATH_RESTORED_EVERY_MS) throw new LessonError(ErrorCode.RateLimited, 'key frames were asked for a moment ago');
  restored.set(participant, Date.now());
  restartPictures(lesson, participant);
  return {};
};
