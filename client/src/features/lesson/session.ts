import type { LessonSocket } from './connection';

let socket: LessonSocket | null = null;

/** The page's one signalling connection, once joinLesson opened it. */
export const currentSocket = (): LessonSocket | null => socket;

export function setCurrentSocket(next: LessonSocket): void {
  socket = next;
}
