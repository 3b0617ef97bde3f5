import { useInteractionStore } from '../interaction/interactionStore';
import { useT } from '../i18n/useT';

/** 已固定 on the main view while the teacher holds it in place (automatic directing is off). */
export function PinnedBadge() {
  const t = useT();
  const pinned = useInteractionStore((state) => state.mainView.pinned);
  if (!pinned) return null;
  return (
    <span className="badge badge--pinned" data-testid="pinned-badge">
      {t('mainView.pinned')}
    </span>
  );
}
