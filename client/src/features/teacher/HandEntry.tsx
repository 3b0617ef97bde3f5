import type { RaisedHand } from '@shared';
import { ActionError } from '../interaction/ActionError';
import { grantFloor, lowerHand } from '../interaction/interactionActions';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';
import { classPart, waitingTime } from './handQueueText';

/** One raised hand: who asks and since when, with 请发言 and 放下. */
export function HandEntry({ hand, now }: { hand: RaisedHand; now: number }) {
  const t = useT();
  const action = useAction();
  const { minutes, seconds } = waitingTime(hand.raisedAt, now);
  const waiting = minutes > 0 ? t('hands.waitingMinutes', { minutes, seconds }) : t('hands.waitingSeconds', { seconds });

  return (
    <li className="hand-entry" data-testid="hand-entry" data-participant-id={hand.participantId}>
      <div className="hand-entry__who">
        <span className="hand-entry__school">{hand.schoolName}</span>
        <span className="hand-entry__class">{classPart(hand)}</span>
        {hand.studentName && (
          <span className="hand-entry__student" data-testid="hand-student">
            {hand.studentName}
          </span>
        )}
        <span className="hand-entry__waiting" data-testid="hand-waiting">
          {waiting}
        </span>
      </div>
      <div className="hand-entry__actions">
        <button
          type="button"
          className="button--primary"
          data-testid="grant-floor"
          disabled={action.pending}
          onClick={() => void action.run(() => grantFloor(hand.participantId))}
        >
          {t('hands.grant')}
        </button>
        <button
          type="button"
          data-testid="lower-hand"
          disabled={action.pending}
          onClick={() => void action.run(() => lowerHand(hand.participantId))}
        >
          {t('hands.lower')}
        </button>
      </div>
      <ActionError error={action.error} testId="hand-entry-error" />
    </li>
  );
}
