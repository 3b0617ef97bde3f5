import { z } from 'zod';
import type {
  DtlsParameters,
  IceCandidate,
  IceParameters,
  RtpCapabilities,
  RtpParameters,
  SctpParameters,
} from 'mediasoup-client/types';

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/*
 * RTP and DTLS parameters are checked here only for shape (an object); mediasoup
 * validates their content and throws TypeError, which becomes BAD_REQUEST.
 */
export const rtpParametersSchema = z.custom<RtpParameters>(isObject, 'rtpParameters must be an object');
export const rtpCapabilitiesSchema = z.custom<RtpCapabilities>(isObject, 'rtpCapabilities must be an object');
export const dtlsParametersSchema = z.custom<DtlsParameters>(isObject, 'dtlsParameters must be an object');

/** What a media track shows or carries, so every receiver knows where to put it. */
export const mediaSourceSchema = z.enum(['camera', 'microphone']);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

export const mediaKindSchema = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof mediaKindSchema>;

/** A published track as every participant of the lesson sees it. */
export interface PublishedTrack {
  producerId: string;
  participantId: string;
  kind: MediaKind;
  source: MediaSource;
  /** Paused by its sender (e.g. microphone muted). */
  paused: boolean;
}

/** What the client needs to create a mediasoup-client transport. */
export interface TransportOptions {
  id: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
  sctpParameters?: SctpParameters;
}

/** What the client needs to create a mediasoup-client consumer. */
export interface ConsumerOptions {
  id: string;
  producerId: string;
  participantId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: RtpParameters;
}

/** Simulcast layers of a camera: 0 = 320×180, 1 = 640×360, 2 = 1280×720. */
export const spatialLayerSchema = z.number().int().min(0).max(2);
