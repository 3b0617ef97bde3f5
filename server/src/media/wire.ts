import type * as client from 'mediasoup-client/types';
import type * as server from 'mediasoup/node/lib/types.js';
import type { TransportOptions } from '@shared';

/*
 * mediasoup 3.12 (server, pinned: see README) and mediasoup-client 3.24 send
 * the same JSON, but their TypeScript types drifted: the client's are stricter
 * (header-extension URIs as a union, `preferredPayloadType` required) and name
 * a candidate's address `address` where 3.12 says `ip` — the client reads
 * either. These conversions are the one place the two type worlds meet.
 */

export const capabilitiesToClient = (caps: server.RtpCapabilities): client.RtpCapabilities => caps as client.RtpCapabilities;
export const capabilitiesFromClient = (caps: client.RtpCapabilities): server.RtpCapabilities => caps as server.RtpCapabilities;
export const rtpParametersToClient = (params: server.RtpParameters): client.RtpParameters => params as unknown as client.RtpParameters;
export const rtpParametersFromClient = (params: client.RtpParameters): server.RtpParameters => params as server.RtpParameters;
export const dtlsFromClient = (params: client.DtlsParameters): server.DtlsParameters => params as server.DtlsParameters;
export const dtlsToClient = (params: server.DtlsParameters): client.DtlsParameters => params as client.DtlsParameters;
export const candidatesToClient = (candidates: server.IceCandidate[]): client.IceCandidate[] =>
  candidates.map((candidate) => ({ ...candidate, address: candidate.ip }) as unknown as client.IceCandidate);

/** What a page needs to create its side of a WebRTC transport. */
export const transportOptionsOf = (transport: server.WebRtcTransport): TransportOptions => ({
  id: transport.id,
  iceParameters: transport.iceParameters,
  iceCandidates: candidatesToClient(transport.iceCandidates),
  dtlsParameters: dtlsToClient(transport.dtlsParameters),
});
