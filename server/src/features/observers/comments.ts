import { ErrorCode, LessonError } from '@shared';
import { addComment as storeComment, commentsOf } from '../../db/comments.js';
import type { Lesson } from '../../lesson/Lesson.js';
import { RateLimit } from '../../lesson/RateLimit.js';
import type { Handler } from '../context.js';

/*
 * 评课意见 during the lesson. An observer's comment is stamped with the
 * moment it reaches the server (the lesson's one clock) and kept in SQL; the
 * teacher reads them after the lesson, or as they come if she chose to
 * (setCommentsLive). That choice lives with the lesson on this server: after
 * a restart she is back to reading them afterwards, which is the quiet side.
 */
const writerLimits = new WeakMap<object, RateLimit>();
const readLive = new WeakSet<Lesson>();

export const addComment: Handler<'addComment'> = async (request, session, services) => {
  const { lesson, participant } = session.joined();
  let limit = writerLimits.get(participant);
  if (!limit) writerLimits.set(participant, (limit = new RateLimit(0.5, 5)));
  if (!limit.take()) throw new LessonError(ErrorCode.RateLimited, 'too many comments; wait a moment');
  const comment = await storeComment(services.db, {
    lessonId: lesson.record.id,
    authorId: session.principal.id,
    authorName: participant.view.name,
    at: Date.now(),
    text: request.text,
    during: 'live',
  });
  if (readLive.has(lesson)) lesson.tellTeacher({ type: 'commentAdded', comment });
  return comment;
};

/** The teacher reads comments as they come, or not; switching on hands her those written so far. */
export const setCommentsLive: Handler<'setCommentsLive'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  if (request.live) readLive.add(lesson);
  else readLive.delete(lesson);
  return { live: request.live, comments: request.live ? await commentsOf(services.db, lesson.record.id) : [] };
};
