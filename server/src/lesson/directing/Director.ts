import type { AudioLevelObserver } from 'mediasoup/node/lib/AudioLevelObserver.js';
import type { Router } from 'mediasoup/node/lib/Router.js';
import { isMicrophone, mayBeHeard, type AudioSource, type MainView } from '@shared';
import type { LessonScene } from '../LessonTypes.js';
import type { Logger } from '../../log.js';
import { OBSERVER_INTERVAL_MS, SpeakerSwitch } from './speakerSwitch.js';

const TEACHER_VIEW: MainView = { participantId: 'teacher', reason: 'teacher', pinned: false, microphone: 'teacherMic' };
const pinnedView = (participantId: string): MainView => ({ participantId, reason: 'pinned', pinned: true, microphone: null });

/**
 * The switch decides between microphones, not participants: a classroom with a
 * teacher and a student microphone moves between its two cameras with the
 * same confirm and hold times as between classrooms.
 */
const speakerKey = (participantId: string, microphone: AudioSource | null): string => `${participantId}|${microphone ?? ''}`;

/** Audio above this (dBov) counts as speaking. */
const SPEAKING_THRESHOLD_DBOV = -55;

/**
 * 自动导播: watches the lesson's microphones (mediasoup AudioLevelObserver)
 * and moves every classroom's main view to the dominant speaker among the
 * teacher and those who may be heard, with a confirm and a hold time so it
 * never flaps. The teacher can pin a view, which stops automatic moves
 * until she unpins it. Also reports who is speaking (正在发言). Which
 * camera of the speaker is shown follows the microphone heard: the student
 * microphone puts the student camera on screen, the teacher microphone the
 * teacher camera (the audio-led equivalent of a tracking camera).
 */
export class Director {
  private observer: AudioLevelObserver | null = null;
  private readonly switcher = new SpeakerSwitch();
  private speaking: string[] = [];
  private heardKeys = '';
  mainView: MainView;

  constructor(
    private readonly lesson: LessonScene,
    private readonly logger: Logger,
    /** Whom the teacher had pinned, as stored (a lesson reopened after a restart keeps her pin). */
    pinned: string | null = null,
  ) {
    this.mainView = pinned ? pinnedView(pinned) : TEACHER_VIEW;
    lesson.on('routerchanged', (router) => void this.attach(router).catch((error: Error) => logger.error({ err: error.message }, 'cannot observe the new router')));
    lesson.on('trackpublished', (track) => {
      if (isMicrophone(track.source)) void this.observe(track.producerId);
    });
    lesson.on('floorchanged', () => this.floorChanged());
    lesson.on('participantleft', (participant) => this.participantLeft(participant.id));
    lesson.on('remoteleft', (participantId) => this.participantLeft(participantId));
    lesson.on('pipedmicrophone', (producerId) => void this.observe(producerId));
  }

  /** Observes a (new) router's microphones; called when the lesson opens or moves to a new router. */
  async attach(router: Router): Promise<void> {
    this.observer = await router.createAudioLevelObserver({
      maxEntries: 8,
      threshold: SPEAKING_THRESHOLD_DBOV,
      interval: OBSERVER_INTERVAL_MS,
    });
    this.observer.on('volumes', (volumes) => {
      this.heard(
        volumes.flatMap(({ producer }) => {
          const source = producer.appData['source'];
          return typeof source === 'string' && isMicrophone(source as AudioSource)
            ? [{ participantId: String(producer.appData['participantId']), microphone: source as AudioSource }]
            : [];
        }),
      );
    });
    this.observer.on('silence', () => this.heard([]));
  }

  /** Adds a microphone to the observer. */
  private async observe(producerId: string): Promise<void> {
    await this.observer?.addProducer({ producerId }).catch((error: Error) => this.logger.warn({ err: error.message }, 'cannot observe microphone'));
  }

  speakingNow(): string[] {
    return this.speaking;
  }

  /** Shows a participant in every main view at once (e.g. the floor was just granted). */
  show(participantId: string, reason: MainView['reason']): void {
    if (this.mainView.pinned) return;
    this.switcher.switched(Date.now());
    this.set({ participantId, reason, pinned: false, microphone: participantId === 'teacher' ? 'teacherMic' : 'studentsMic' });
  }

  /**
   * The teacher pins a view, or unpins it (null): the view then returns to
   * her and automatic directing follows the speakers again.
   */
  pin(participantId: string | null): MainView {
    this.switcher.switched(Date.now());
    this.set(participantId ? pinnedView(participantId) : TEACHER_VIEW);
    return this.mainView;
  }

  /** The floor changed: a main view that may no longer be heard goes back to the teacher. */
  private floorChanged(): void {
    const shown = this.mainView.participantId;
    if (this.mainView.pinned || !this.lesson.isPresent(shown) || mayBeHeard(shown, this.lesson.floor)) return;
    this.show('teacher', 'teacher');
  }

  /** Someone left: if they were on the main view, the teacher takes it. */
  private participantLeft(participantId: string): void {
    if (this.mainView.participantId === participantId) {
      this.set(TEACHER_VIEW);
    }
  }

  /** One audio report: the microphones above the threshold, loudest first. */
  private heard(microphones: Array<{ participantId: string; microphone: AudioSource }>): void {
    const heardNow = microphones.filter(
      ({ participantId }) => this.lesson.isPresent(participantId) && mayBeHeard(participantId, this.lesson.floor),
    );
    const eligible = [...new Set(heardNow.map(({ participantId }) => participantId))];
    const heardKeys = heardNow.map(({ participantId, microphone }) => speakerKey(participantId, microphone)).join();
    if (eligible.join() !== this.speaking.join()) {
      this.logger.debug({ speaking: eligible }, 'speaking changed');
      this.speaking = eligible;
      this.lesson.broadcast({ type: 'speakingChanged', speaking: eligible });
    }
    // The pages need who; the participation log also which microphone (the teacher's own, or her class's).
    if (heardKeys !== this.heardKeys) {
      this.heardKeys = heardKeys;
      this.lesson.emit('speakingchanged', eligible, heardNow);
    }
    if (this.mainView.pinned) return;
    const loudest = heardNow[0];
    const current = speakerKey(this.mainView.participantId, this.mainView.microphone);
    const next = this.switcher.feed(loudest ? speakerKey(loudest.participantId, loudest.microphone) : null, current, Date.now());
    if (next && loudest) this.set({ participantId: loudest.participantId, reason: 'speaker', pinned: false, microphone: loudest.microphone });
  }

  private set(view: MainView): void {
    const same =
      view.participantId === this.mainView.participantId &&
      view.pinned === this.mainView.pinned &&
      view.reason === this.mainView.reason &&
      view.microphone === this.mainView.microphone;
    this.mainView = view;
    if (same) return;
    // Logged with its time so a recording can follow the directing later.
    this.logger.info({ mainView: view }, 'main view changed');
    this.lesson.broadcast({ type: 'mainViewChanged', mainView: view });
    this.lesson.emit('mainviewchanged', view);
  }
}
