import type { Router } from 'mediasoup/node/lib/Router.js';
import type { AudioSource, FloorState, LessonStatus, MainView, Participant as ParticipantView, PublishedTrack, RaisedHand, ServerNotice, Stage } from '@shared';
import type { Participant } from './Participant.js';

/** What the lesson knows of itself from the durable store. */
export interface LessonRecord {
  id: string;
  title: string;
  teacherName: string;
}

/**
 * What happens in a lesson, for the features that follow it (directing, the
 * stage, the microphone gate, the recorder, the participation log) and for tests.
 * Each is emitted after the lesson's own state has changed.
 */
export type LessonEvents = {
  participantjoined: [participant: Participant];
  participantleft: [participant: Participant];
  trackpublished: [track: PublishedTrack];
  trackclosed: [track: PublishedTrack];
  /** Paused or resumed at the SFU (a microphone by the gate, a camera by its sender). */
  trackpaused: [track: PublishedTrack];
  floorchanged: [floor: FloorState];
  /** The hand queue as everyone was just told it (oldest first); Redis holds the queue itself. */
  handschanged: [hands: RaisedHand[]];
  mainviewchanged: [mainView: MainView];
  /**
   * Who is heard speaking now (正在发言), loudest first, and through which
   * microphone: the teacher's participant carries her own and, in the host
   * classroom, her students' (the participation log tells them apart).
   */
  speakingchanged: [speaking: string[], microphones: ReadonlyArray<{ participantId: string; microphone: AudioSource }>];
  stagechanged: [stage: Stage];
  statuschanged: [status: LessonStatus];
  /** No worker can take the lesson now; it keeps waiting for one (routerchanged follows). */
  mediaunavailable: [];
  /** The media moved to a new router (its worker died); observers must attach again. */
  routerchanged: [router: Router];
  /** 下课: every published track has been closed. */
  ended: [];
  /** Who is in the lesson or what they publish changed on another server (the stage follows). */
  remotechanged: [];
  /** A participant whose page is on another server left. */
  remoteleft: [participantId: string];
  /** Another server's microphone was piped into this lesson's router (automatic directing hears it). */
  pipedmicrophone: [producerId: string];
  closed: [];
};

/**
 * The lesson as its features see it: its state to read, its notices to send
 * and its events to follow. Directing and the stage depend on this, not on
 * the Lesson class, so the lesson can own them without a circle of imports.
 */
export interface LessonScene {
  readonly record: LessonRecord;
  readonly participants: ReadonlyMap<string, Participant>;
  readonly floor: FloorState;
  readonly status: LessonStatus;
  /** Every track this server's pages publish in the lesson, as receivers see it. */
  tracks(): PublishedTrack[];
  /** Every track of the lesson, other servers' pages' too. */
  everyTrack(): PublishedTrack[];
  /** In the lesson through this server or another. */
  isPresent(participantId: string): boolean;
  /** Sends a notice to everyone in the lesson except `exceptId`. */
  broadcast(notice: ServerNotice, exceptId?: string): void;
  on<K extends keyof LessonEvents>(event: K, listener: (...args: LessonEvents[K]) => void): () => void;
  emit<K extends keyof LessonEvents>(event: K, ...args: LessonEvents[K]): void;
}

/**
 * The lesson's parts on other servers sharing its Redis (issue 18, several
 * servers; see federation/LessonLink): its notices go to them, theirs come
 * here, and their pages' producers are piped in when a page here consumes one.
 */
export interface LessonLinkPort {
  /** A notice this server's lesson just sent its own pages: the other servers' pages get it too (if it is theirs to know). */
  relay(notice: ServerNotice): void;
  /** Whether a visible participant's page is on another server (asked on every audio report: no list is built). */
  isRemote(participantId: string): boolean;
  /** The visible participants whose pages are on other servers. */
  remoteParticipants(): ParticipantView[];
  /** The tracks other servers' pages publish. */
  remoteTracks(): PublishedTrack[];
  remoteTrack(producerId: string): PublishedTrack | null;
  /** Delivers a notice to one participant whose page is on another server (the teacher's reports). */
  tell(participantId: string, notice: ServerNotice): void;
  /** Pipes another server's producer into this lesson's router (once); resolves when it can be consumed here. */
  bring(producerId: string): Promise<void>;
  /**
   * What the teacher's server directs (main view, stage, who speaks), while
   * her page is on another server: this server's pages show that, not what
   * its own director would pick. Null while this server directs.
   */
  following(): { mainView: MainView | null; stage: Stage | null; speaking: string[] | null } | null;
  close(): void;
}
