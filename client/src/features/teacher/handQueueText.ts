import type { RaisedHand } from '@shared';

/** How long a hand has been up, in whole minutes and seconds. */
export interface WaitingTime {
  minutes: number;
  seconds: number;
}

/**
 * `raisedAt` is the server's clock and `now` this laptop's; a laptop clock a little
 * behind would give a negative wait, which reads as 0 rather than nonsense.
 */
export function waitingTime(raisedAt: number, now: number): WaitingTime {
  const total = Math.max(0, Math.floor((now - raisedAt) / 1000));
  return { minutes: Math.floor(total / 60), seconds: total % 60 };
}

/**
 * The class part of a hand's classroom name: the server names a classroom
 * "school · class", and the school is already shown on its own line.
 */
export function classPart(hand: Pick<RaisedHand, 'schoolName' | 'classroomName'>): string {
  const prefix = `${hand.schoolName} · `;
  return hand.schoolName && hand.classroomName.startsWith(prefix) ? hand.classroomName.slice(prefix.length) : hand.classroomName;
}
