import { ActionError } from '../interaction/ActionError';
import { revokeFloor, setDiscussion } from '../interaction/interactionActions';
import { useInteractionStore } from '../interaction/interactionStore';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';
import { useLessonStore } from '../lesson/lessonStore';

/** 发言权: open or close a discussion for all classrooms, and see (and take back) who holds the floor. */
export function FloorControls() {
  const t = useT();
  const floor = useInteractionStore((state) => state.floor);
  const discussion = useAction();
  const open = floor.mode === 'discussion';

  return (
    <section className="panel floor-controls" data-testid="floor-controls" data-mode={floor.mode}>
      <header className="panel__header">
        <h2 className="panel__title">{t('floor.title')}</h2>
        <button
          type="button"
          className={open ? 'button--active' : undefined}
          data-testid="discussion-toggle"
          aria-pressed={open}
          disabled={discussion.pending}
          onClick={() => void discussion.run(() => setDiscussion(!open))}
        >
          {t(open ? 'floor.discussionEnd' : 'floor.discussionStart')}
        </button>
      </header>
      <ActionError error={discussion.error} testId="discussion-error" />
      {open && (
        <p className="floor-controls__discussion" data-testid="discussion-on">
          {t('floor.discussionOn')}
        </p>
      )}
      <p className="floor-controls__count">{t('floor.holders', { count: floor.holders.length, max: floor.maxHolders })}</p>
      {floor.holders.length === 0 ? (
        <p className="panel__empty">{t('floor.noHolders')}</p>
      ) : (
        <ul className="floor-controls__holders">
          {floor.holders.map((holderId) => (
            <FloorHolder key={holderId} participantId={holderId} />
          ))}
        </ul>
      )}
    </section>
  );
}

/*
 * Marked data-holder-id, not data-participant-id: a holder may stay listed for a
 * moment after its classroom left, and that attribute means "this participant is shown".
 */
function FloorHolder({ participantId }: { participantId: string }) {
  const t = useT();
  const name = useLessonStore((state) => state.participants.find((p) => p.id === participantId)?.name ?? participantId);
  const revoke = useAction();
  return (
    <li className="floor-holder" data-testid="floor-holder" data-holder-id={participantId}>
      <span className="floor-holder__name">{name}</span>
      <button type="button" data-testid="revoke-floor" disabled={revoke.pending} onClick={() => void revoke.run(() => revokeFloor(participantId))}>
        {t('floor.revoke')}
      </button>
      <ActionError error={revoke.error} testId="revoke-floor-error" />
    </li>
  );
}
