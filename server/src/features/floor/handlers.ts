import { ErrorCode, LessonError, type FloorState } from '@shared';
import type { Lesson } from '../../lesson/Lesson.js';
import type { Handler, Services } from '../context.js';
import { publishHands } from '../hand-raise/handlers.js';

/** Stores the new floor first (so a floor Redis cannot keep is not enforced either), then the lesson applies it. */
async function changeFloor(lesson: Lesson, services: Services, next: FloorState): Promise<FloorState> {
  await services.floors.set(lesson.record.id, next);
  return lesson.setFloor(next);
}

function requireClassroom(lesson: Lesson, participantId: string): void {
  const target = lesson.participants.get(participantId);
  if (participantId === 'teacher' || (target && target.isTeacher)) {
    throw new LessonError(ErrorCode.BadRequest, 'the teacher always has the floor');
  }
}

/**
 * 发言权: opens the classroom's microphone to everyone and makes its camera the
 * main view. With more holders than allowed, the longest-holding one gives way.
 */
export const grantFloor: Handler<'grantFloor'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  requireClassroom(lesson, request.participantId);
  const current = lesson.floor;
  const holders = [...current.holders.filter((id) => id !== request.participantId), request.participantId].slice(-current.maxHolders);
  const floor = await changeFloor(lesson, services, {
    ...current,
    holders,
    muted: current.muted.filter((id) => id !== request.participantId),
  });
  await services.hands.lower(lesson.record.id, request.participantId);
  await publishHands(lesson, services);
  lesson.director.show(request.participantId, 'floor');
  return floor;
};

export const revokeFloor: Handler<'revokeFloor'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  const current = lesson.floor;
  return changeFloor(lesson, services, { ...current, holders: current.holders.filter((id) => id !== request.participantId) });
};

/** 讨论: every classroom microphone opens at once for group talk across schools, and closes again. */
export const setDiscussion: Handler<'setDiscussion'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  return changeFloor(lesson, services, { ...lesson.floor, mode: request.open ? 'discussion' : 'lecture' });
};

/** The teacher mutes (or unmutes) a classroom at any time; muting also takes its floor. */
export const muteParticipant: Handler<'muteParticipant'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  requireClassroom(lesson, request.participantId);
  const current = lesson.floor;
  const others = current.muted.filter((id) => id !== request.participantId);
  return changeFloor(lesson, services, {
    ...current,
    muted: request.muted ? [...others, request.participantId] : others,
    holders: request.muted ? current.holders.filter((id) => id !== request.participantId) : current.holders,
  });
};
