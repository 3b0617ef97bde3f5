/**
 * The server's "now" for the timetable: when lessons start and end, and which
 * lesson a terminal is told to join. The real time, or with TEST_CLOCK=on a
 * time an end-to-end test sets (`POST /api/test/clock`), which then runs on at
 * the real pace so media and timers behave as usual.
 */
export class SchoolClock {
  private offsetMs = 0;

  constructor(readonly settable: boolean) {}

  /** Ms since the epoch, as the timetable sees it. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves "now" to `nowMs` (only with TEST_CLOCK=on). */
  set(nowMs: number): void {
    if (!this.settable) throw new Error('this server has no test clock (TEST_CLOCK=off)');
    this.offsetMs = nowMs - Date.now();
  }
}
