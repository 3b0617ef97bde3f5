/** This page's clock in ms since the epoch, with sub-millisecond steps (performance.now does not jump with NTP). */
export const localNow = (): number => performance.timeOrigin + performance.now();

/** A performance.now()-style timestamp (e.g. a video frame's display time) on the same clock. */
export const fromPerformance = (timestamp: number): number => performance.timeOrigin + timestamp;
