import { ActionError } from '../interaction/ActionError';
import { muteParticipant, pinMainView } from '../interaction/interactionActions';
import { useInteractionStore } from '../interaction/interactionStore';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';

export interface ViewControlsProps {
  participantId: string;
  /** Classrooms can be muted; the teacher's own picture only pinned. */
  canMute: boolean;
  className?: string;
}

/** The teacher's buttons on one picture: 静音 / 取消静音 and 固定画面 / 取消固定. */
export function ViewControls({ participantId, canMute, className }: ViewControlsProps) {
  const t = useT();
  const muted = useInteractionStore((state) => state.floor.muted.includes(participantId));
  const pinned = useInteractionStore((state) => state.mainView.pinned && state.mainView.participantId === participantId);
  const action = useAction();

  return (
    <div className={className ? `view-controls ${className}` : 'view-controls'}>
      <div className="view-controls__buttons">
        {canMute && (
          <button
            type="button"
            className={muted ? 'button--active' : undefined}
            data-testid="mute-classroom"
            aria-pressed={muted}
            disabled={action.pending}
            onClick={() => void action.run(() => muteParticipant(participantId, !muted))}
          >
            {t(muted ? 'tile.unmute' : 'tile.mute')}
          </button>
        )}
        <button
          type="button"
          className={pinned ? 'button--active' : undefined}
          data-testid="pin-view"
          aria-pressed={pinned}
          disabled={action.pending}
          onClick={() => void action.run(() => pinMainView(pinned ? null : participantId))}
        >
          {t(pinned ? 'tile.unpin' : 'tile.pin')}
        </button>
      </div>
      <ActionError error={action.error} testId="view-controls-error" />
    </div>
  );
}
