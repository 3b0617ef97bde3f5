import type { LessonScene } from './LessonTypes.js';

/** However many viewers join or leave, the teacher hears of it at most this often. */
export const VIEWER_COUNT_EVERY_MS = 1000;

/**
 * How many viewers (观众) watch a lesson, for its teacher's page. A
 * broadcast's audience joins and leaves in crowds (a school's bell, a link
 * shared in a parents' group): each viewer is nobody's notice, and the
 * teacher gets one `viewersChanged` a second at most, with the count then.
 * A teacher who joins (or comes back) hears the count at once.
 */
export class ViewerCount {
  private count = 0;
  private told = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly lesson: LessonScene) {
    lesson.on('participantjoined', (participant) => {
      if (participant.view.role === 'viewer') this.change(+1);
      else if (participant.isTeacher) this.tellNow();
    });
    lesson.on('participantleft', (participant) => {
      if (participant.view.role === 'viewer') this.change(-1);
    });
    lesson.on('closed', () => {
      if (this.timer) clearTimeout(this.timer);
    });
  }

  get viewers(): number {
    return this.count;
  }

  private change(by: number): void {
    this.count += by;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.count !== this.told) this.tellNow();
    }, VIEWER_COUNT_EVERY_MS);
    this.timer.unref();
  }

  private tellNow(): void {
    this.told = this.count;
    this.lesson.participants.get('teacher')?.notify({ type: 'viewersChanged', viewers: this.count });
  }
}
