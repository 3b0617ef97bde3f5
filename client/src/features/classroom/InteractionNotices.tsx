import { mayBeHeard } from '@shared';
import { HandIcon } from '../common/HandIcon';
import { useInteractionStore } from '../interaction/interactionStore';
import { useT } from '../i18n/useT';

/**
 * What the teacher decided about this classroom, large enough for the back row:
 * its hand is up, it has the floor (or a discussion is open), or it was muted.
 */
export function InteractionNotices({ selfId }: { selfId: string | null }) {
  const t = useT();
  const hand = useInteractionStore((state) => state.hands.find((raised) => raised.participantId === selfId));
  const heard = useInteractionStore((state) => selfId !== null && mayBeHeard(selfId, state.floor));
  const discussion = useInteractionStore((state) => state.floor.mode === 'discussion');
  const mutedByTeacher = useInteractionStore((state) => selfId !== null && state.floor.muted.includes(selfId));
  const selfMuted = useInteractionStore((state) => state.selfMuted);

  return (
    <div className="notices" role="status">
      {hand && (
        <div className="notice notice--hand" data-testid="hand-raised">
          <HandIcon className="notice__icon" />
          <div className="notice__body">
            <p className="notice__text">{t('classroom.handRaised')}</p>
            {hand.studentName && (
              <p className="notice__name" data-testid="hand-raised-student">
                {hand.studentName}
              </p>
            )}
          </div>
        </div>
      )}
      {heard && (
        <div className="notice notice--floor" data-testid="floor-granted" data-mode={discussion ? 'discussion' : 'lecture'}>
          <div className="notice__body">
            <p className="notice__text">{t(discussion ? 'classroom.discussion' : 'classroom.floorGranted')}</p>
            {/* The others would hear nothing: say so while the class thinks it is speaking. */}
            {selfMuted && <p className="notice__hint">{t('classroom.micOffHint')}</p>}
          </div>
        </div>
      )}
      {mutedByTeacher && (
        <div className="notice notice--muted" data-testid="muted-by-teacher">
          <p className="notice__text">{t('classroom.mutedByTeacher')}</p>
        </div>
      )}
    </div>
  );
}
