import { z } from 'zod';
import { ErrorCode, LessonError, lessonCommentSchema, newReplayCommentSchema, type NewReplayComment } from '@shared';
import { addComment, commentsOf, lessonSpan } from '../db/comments.js';
import type { ApiCall, ApiRoute } from './apiRoute.js';
import { routeLesson } from './routeLesson.js';

/**
 * 评课意见 over REST: a lesson's comments in lesson order (for the teacher
 * after the lesson, for the replay's markers), and comments written while
 * watching the replay, stamped with the replay's moment (wall-clock ms of
 * the lesson, which the player computes from the recording's start).
 */
const lessonFor = (call: ApiCall, action: 'comment.read' | 'comment.write') => routeLesson(call, action);

export const commentRoutes: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/lessons/:id/comments',
    action: 'comment.read',
    summary: "A lesson's comments (评课意见) in lesson order.",
    response: z.array(lessonCommentSchema),
    async run(call) {
      const plan = await lessonFor(call, 'comment.read');
      return (await commentsOf(call.services.db, plan.id)).map((comment) => lessonCommentSchema.parse(comment));
    },
  },
  {
    method: 'post',
    path: '/lessons/:id/comments',
    action: 'comment.write',
    summary: "Comment on a lesson's replay at a moment of the lesson.",
    response: lessonCommentSchema,
    body: newReplayCommentSchema,
    async run(call) {
      const plan = await lessonFor(call, 'comment.write');
      const { text, at } = call.body as NewReplayComment;
      const span = await lessonSpan(call.services.db, plan.id);
      if (span.startedAt === null) throw new LessonError(ErrorCode.BadRequest, 'this lesson has not been taught yet: there is no moment to comment on');
      if (at < span.startedAt || at > (span.endedAt ?? Date.now())) throw new LessonError(ErrorCode.BadRequest, 'that moment is outside the lesson');
      return addComment(call.services.db, { lessonId: plan.id, authorId: call.principal.id, authorName: call.principal.name, at, text, during: 'replay' });
    },
  },
];
