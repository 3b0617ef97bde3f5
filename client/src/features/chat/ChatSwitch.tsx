import { ActionError } from '../interaction/ActionError';
import { setChatEnabled } from '../interaction/interactionActions';
import { useInteractionStore } from '../interaction/interactionStore';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';

/** The teacher's switch for classroom chat; its label says what a click will do. */
export function ChatSwitch() {
  const t = useT();
  const enabled = useInteractionStore((state) => state.chatEnabled);
  const { run, pending, error } = useAction();
  return (
    <div className="chat-switch">
      <button
        type="button"
        data-testid="chat-toggle"
        data-enabled={enabled}
        disabled={pending}
        onClick={() => void run(() => setChatEnabled(!enabled))}
      >
        {t(enabled ? 'chat.forbid' : 'chat.allow')}
      </button>
      <ActionError error={error} testId="chat-toggle-error" />
    </div>
  );
}
