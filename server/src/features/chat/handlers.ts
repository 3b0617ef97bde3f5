import { randomUUID } from 'node:crypto';
import { ErrorCode, LessonError } from '@shared';
import type { Handler } from '../context.js';
import { RateLimit } from '../../lesson/RateLimit.js';

/** Per sender: five messages at once, then one every two seconds. */
const senderLimits = new WeakMap<object, RateLimit>();

/**
 * 文字互动: a message to the whole lesson. The text is stored and sent as
 * plain text; pages render it as text, never as HTML.
 */
export const sendChat: Handler<'sendChat'> = async (request, session, services) => {
  const { lesson, participant } = session.joined();
  // An observer writes only if its guest link grants chat (the `observer` line of the table allows it no further).
  if (participant.view.role === 'observer' && !session.principal.rights.includes('chat')) {
    throw new LessonError(ErrorCode.Forbidden, 'this guest link does not allow chat');
  }
  if (!participant.isTeacher && !(await services.chat.enabled(lesson.record.id))) {
    throw new LessonError(ErrorCode.ChatClosed, 'the teacher has switched chat off');
  }
  let limit = senderLimits.get(participant);
  if (!limit) senderLimits.set(participant, (limit = new RateLimit(0.5, 5)));
  if (!limit.take()) throw new LessonError(ErrorCode.RateLimited, 'too many messages; wait a moment');
  const message = { id: randomUUID(), participantId: participant.id, senderName: participant.view.name, text: request.text, sentAt: Date.now() };
  await services.chat.append(lesson.record.id, message);
  lesson.broadcast({ type: 'chatMessage', message });
  return message;
};

export const setChatEnabled: Handler<'setChatEnabled'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  await services.chat.setEnabled(lesson.record.id, request.enabled);
  lesson.broadcast({ type: 'chatSettings', enabled: request.enabled });
  return { enabled: request.enabled };
};
