import { capabilitiesFromClient, dtlsFromClient, transportOptionsOf } from '../../media/wire.js';
import type { Handler } from '../../signalling/context.js';

/** Bitrate the SFU assumes towards a new receiver before it has measured the link. */
const INITIAL_OUTGOING_BITRATE = 1_000_000;

/** Sent once after the client loaded its Device: consumers are created for these capabilities. */
export const declareCapabilities: Handler<'declareCapabilities'> = async (request, session) => {
  const { participant } = session.joined();
  participant.media.rtpCapabilities = capabilitiesFromClient(request.rtpCapabilities);
  return {};
};

/** A WebRTC transport on the lesson's worker WebRtcServer (one shared UDP/TCP port pair per worker). */
export const createTransport: Handler<'createTransport'> = async (request, session, services) => {
  const { lesson, participant } = session.joined();
  const transport = await lesson.router.createWebRtcTransport({
    webRtcServer: lesson.webRtcServer,
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
    appData: { direction: request.direction, participantId: participant.id },
  });
  if (request.direction === 'send') await transport.setMaxIncomingBitrate(services.config.maxUplinkBitrate);
  const media = participant.media;
  media.transports.set(transport.id, transport);
  transport.observer.once('close', () => media.transports.delete(transport.id));
  return transportOptionsOf(transport);
};

export const connectTransport: Handler<'connectTransport'> = async (request, session) => {
  const { participant } = session.joined();
  await participant.media.transport(request.transportId).connect({ dtlsParameters: dtlsFromClient(request.dtlsParameters) });
  return {};
};
