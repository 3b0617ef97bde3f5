import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';

/** Why a control's request failed, shown right by that control. Renders nothing while there is no failure. */
export function ActionError({ error, testId }: { error: MessageKey | null; testId?: string }) {
  const t = useT();
  if (error === null) return null;
  return (
    <p className="action-error" role="alert" data-testid={testId}>
      {t(error)}
    </p>
  );
}
