import { create } from 'zustand';
import type { LessonView, Participant, PublishedTrack } from '@shared';
import { onNotice } from './notices';

/** Where the page is in its life: connecting → joined; failed and replaced are final. */
export type ConnectionPhase = 'connecting' | 'joined' | 'reconnecting' | 'failed' | 'replaced';

/** A track this page receives, as the UI needs it (the MediaStreamTrack lives in the media service). */
export interface ReceivedTrack {
  producerId: string;
  participantId: string;
  kind: 'audio' | 'video';
  source: PublishedTrack['source'];
  paused: boolean;
  /** Set once the consumer exists and is resumed; the UI asks the media service for the track by producerId. */
  ready: boolean;
}

/** Plain, serialisable lesson state; mediasoup objects never live here. */
export interface LessonState {
  phase: ConnectionPhase;
  /** A plain-language reason when phase is 'failed' (already translated key, see i18n). */
  failure: string | null;
  self: Participant | null;
  lesson: LessonView | null;
  participants: Participant[];
  received: ReceivedTrack[];
  /** The sources this page publishes now (its cameras, courseware, microphones). */
  published: PublishedTrack['source'][];
  /** Others whose connection dropped and whose place the server keeps (正在重新连接…). */
  reconnecting: string[];
  /** This page's media path was lost and is being repaired (ICE restart) while its signalling may be fine. */
  mediaRepairing: boolean;
}

/** The lesson as this page knows it; the lesson notices keep the participants current (see the end of this file). */
export const useLessonStore = create<LessonState>(() => ({
  phase: 'connecting',
  failure: null,
  self: null,
  lesson: null,
  participants: [],
  received: [],
  published: [],
  reconnecting: [],
  mediaRepairing: false,
}));

/** Others in the lesson (everyone but this page). */
export const selectOthers = (state: LessonState): Participant[] =>
  state.participants.filter((participant) => participant.id !== state.self?.id);

onNotice('participantJoined', ({ participant }) =>
  useLessonStore.setState((state) => ({ participants: [...state.participants.filter((p) => p.id !== participant.id), participant] })),
);
onNotice('participantLeft', ({ participantId }) =>
  useLessonStore.setState((state) => ({
    participants: state.participants.filter((p) => p.id !== participantId),
    reconnecting: state.reconnecting.filter((id) => id !== participantId),
  })),
);
onNotice('participantConnection', ({ participantId, reconnecting }) =>
  useLessonStore.setState((state) => ({
    reconnecting: reconnecting ? [...state.reconnecting.filter((id) => id !== participantId), participantId] : state.reconnecting.filter((id) => id !== participantId),
  })),
);
