import type { ChatMessage } from '@shared';

/**
 * How many messages of `next` are new since `previous`. A change from nothing to
 * several messages at once is the history a (re)loaded page receives when it joins,
 * which this screen already showed before: it counts as read.
 */
export function arrivedCount(previous: readonly ChatMessage[], next: readonly ChatMessage[]): number {
  if (previous.length === 0 && next.length > 1) return 0;
  const known = new Set(previous.map((message) => message.id));
  return next.filter((message) => !known.has(message.id)).length;
}
