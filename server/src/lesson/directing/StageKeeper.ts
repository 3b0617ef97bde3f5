import { sameRef, type Directing, type MainView, type Stage } from '@shared';
import type { LessonScene } from '../LessonTypes.js';
import type { Logger } from '../../log.js';
import { resolveStage } from './resolveStage.js';

/**
 * Holds what every classroom screen shows and tells everyone when it changes.
 * It follows whatever may change it (a speaker, the floor, a participant or
 * a camera or courseware coming or going, 下课) from the lesson's events, and
 * the teacher's choice; only a real change is sent, and each is logged with
 * its time so a recording can follow it.
 */
export class StageKeeper {
  stage: Stage;
  private mainView: MainView;

  constructor(
    private readonly lesson: LessonScene,
    private readonly logger: Logger,
    directing: Directing,
    mainView: MainView,
  ) {
    this.mainView = mainView;
    this.stage = { ...this.resolve(directing), changedAt: Date.now() };
    const refresh = (): void => this.refresh();
    for (const event of ['participantjoined', 'participantleft', 'trackpublished', 'trackclosed', 'floorchanged', 'ended', 'remotechanged'] as const) lesson.on(event, refresh);
    lesson.on('mainviewchanged', (view) => {
      this.mainView = view;
      this.refresh();
    });
  }

  /** The teacher chose a layout; returns the stage it gives now. */
  choose(directing: Directing): Stage {
    this.apply(this.resolve(directing));
    return this.stage;
  }

  private refresh(): void {
    this.apply(this.resolve(this.stage.directing));
  }

  private resolve(directing: Directing): Omit<Stage, 'changedAt'> {
    const { lesson } = this;
    return resolveStage({ directing, mainView: this.mainView, tracks: lesson.everyTrack(), floorHolders: lesson.floor.holders });
  }

  private apply(next: Omit<Stage, 'changedAt'>): void {
    const current = this.stage;
    const same =
      next.layout === current.layout &&
      sameRef(next.main, current.main) &&
      sameRef(next.inset, current.inset) &&
      next.directing.choice === current.directing.choice &&
      sameRef(next.directing.main, current.directing.main) &&
      sameRef(next.directing.inset, current.directing.inset);
    if (same) return;
    this.stage = { ...next, changedAt: Date.now() };
    this.logger.info({ stage: this.stage }, 'stage changed');
    this.lesson.broadcast({ type: 'stageChanged', stage: this.stage });
    this.lesson.emit('stagechanged', this.stage);
  }
}
