import type { LessonStatus } from '@shared';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';

/** Why class is not going on right now, or null while the teacher is teaching. */
export function overlayMessage(status: LessonStatus | null, teacherPresent: boolean): MessageKey | null {
  if (status === null) return 'classroom.connecting';
  if (status === 'ended') return 'classroom.ended';
  if (!teacherPresent) return 'classroom.teacherAbsent';
  if (status === 'waiting') return 'classroom.waiting';
  return null;
}

/**
 * Large text over the teacher's picture, readable from the back row. It is
 * see-through: while waiting the picture and sound keep playing underneath, so
 * the class can see the teacher arrive.
 */
export function ClassroomOverlay({ message }: { message: MessageKey }) {
  const t = useT();
  return (
    <div className="classroom-overlay" data-testid="classroom-overlay" data-reason={message}>
      <p className="classroom-overlay__text">{t(message)}</p>
    </div>
  );
}
