import type { Handler } from '../context.js';

/**
 * 听课: the teacher's list of who observes her lesson. Observers are hidden
 * from every list, count, tile and notice of the lesson; this list, which she
 * opens when she wants to, is the one place they appear.
 */
export const listObservers: Handler<'listObservers'> = async (_request, session) => {
  const { lesson } = session.teacher();
  return { observers: lesson.observers().map((p) => p.view).sort((a, b) => a.joinedAt - b.joinedAt) };
};
