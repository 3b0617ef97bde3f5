import { sameRef, type Directing, type Stage } from '@shared';
import type { Lesson } from '../../lesson/Lesson.js';
import type { Logger } from '../../log.js';
import { resolveStage } from './resolveStage.js';

/**
 * Holds what every classroom screen shows and tells everyone when it changes.
 * Whatever may change it (the teacher's choice, a speaker, the floor, a
 * camera or courseware coming or going) calls `refresh()`; only a real change
 * is sent, and each is logged with its time so a recording can follow it.
 */
export class StageKeeper {
  stage: Stage;

  constructor(
    private readonly lesson: Lesson,
    private readonly logger: Logger,
    directing: Directing,
  ) {
    this.stage = { ...this.resolve(directing), changedAt: Date.now() };
  }

  /** The teacher chose a layout; returns the stage it gives now. */
  choose(directing: Directing): Stage {
    this.apply(this.resolve(directing));
    return this.stage;
  }

  refresh(): void {
    this.apply(this.resolve(this.stage.directing));
  }

  private resolve(directing: Directing): Omit<Stage, 'changedAt'> {
    const { lesson } = this;
    return resolveStage({ directing, mainView: lesson.director.mainView, tracks: lesson.tracks(), floorHolders: lesson.floor.holders });
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
  }
}
