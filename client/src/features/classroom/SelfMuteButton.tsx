import { ActionError } from '../interaction/ActionError';
import { useInteractionStore } from '../interaction/interactionStore';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';
import { publisher } from '../media/publisher';

/** 关闭麦克风 / 打开麦克风 for this classroom; opening it again needs the floor (NO_FLOOR otherwise). */
export function SelfMuteButton() {
  const t = useT();
  const selfMuted = useInteractionStore((state) => state.selfMuted);
  const { run, pending, error } = useAction();
  return (
    <div className="control-with-error">
      <button
        type="button"
        className={selfMuted ? 'button--active' : undefined}
        data-testid="self-mute"
        aria-pressed={selfMuted}
        disabled={pending}
        onClick={() => void run(() => publisher.setMicrophonePaused(!selfMuted))}
      >
        {t(selfMuted ? 'classroom.micOn' : 'classroom.micOff')}
      </button>
      <ActionError error={error} testId="self-mute-error" />
    </div>
  );
}
