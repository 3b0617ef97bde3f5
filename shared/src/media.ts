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

/**
 * What a video shows, as the requirement documents equip a classroom: the
 * teacher camera (教师摄像头), the student camera (学生摄像头), the courseware
 * of the class's multimedia system (screen share or capture card) and a
 * document camera (展台).
 */
export const videoSources = ['teacher', 'students', 'courseware', 'document'] as const;
export type VideoSource = (typeof videoSources)[number];

/** Which microphone a sound comes from: the teacher's or the class's. */
export const audioSources = ['teacherMic', 'studentsMic'] as const;
export type AudioSource = (typeof audioSources)[number];

/** What a media track shows or carries, so every receiver (and a recorder) knows where to put it. */
export const mediaSourceSchema = z.enum([...videoSources, ...audioSources]);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

export const isMicrophone = (source: MediaSource): source is AudioSource =>
  (audioSources as readonly string[]).includes(source);

/** The kind of track a source must be: a camera is video, a microphone audio. */
export const kindOfSource = (source: MediaSource): MediaKind => (isMicrophone(source) ? 'audio' : 'video');

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

/**
 * A TURN server as RTCPeerConnection takes it (`RTCIceServer`): the page
 * passes these to its transports so ICE falls back to the relay by itself when
 * the direct path to the SFU is blocked. The credentials are this
 * participant's own and expire (TURN REST API).
 */
export interface IceServer {
  urls: string[];
  username: string;
  credential: string;
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
