import { useNow } from '../common/useNow';
import { ActionError } from '../interaction/ActionError';
import { lowerAllHands } from '../interaction/interactionActions';
import { useInteractionStore } from '../interaction/interactionStore';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';
import { HandEntry } from './HandEntry';

/** 举手 queue across all schools, oldest first, so the teacher calls on whoever waited longest. */
export function HandQueue() {
  const t = useT();
  const hands = useInteractionStore((state) => state.hands);
  const now = useNow(hands.length > 0);
  const lowerAll = useAction();

  return (
    <section className="panel hand-queue" data-testid="hand-queue" data-count={hands.length}>
      <header className="panel__header">
        <h2 className="panel__title">{t('hands.title', { count: hands.length })}</h2>
        <button
          type="button"
          data-testid="lower-all-hands"
          disabled={hands.length === 0 || lowerAll.pending}
          onClick={() => void lowerAll.run(lowerAllHands)}
        >
          {t('hands.lowerAll')}
        </button>
      </header>
      <ActionError error={lowerAll.error} testId="lower-all-hands-error" />
      {hands.length === 0 ? (
        <p className="panel__empty" data-testid="hand-queue-empty">
          {t('hands.empty')}
        </p>
      ) : (
        <ol className="hand-queue__list">
          {hands.map((hand) => (
            <HandEntry key={`${hand.participantId}:${hand.raisedAt}`} hand={hand} now={now} />
          ))}
        </ol>
      )}
    </section>
  );
}
