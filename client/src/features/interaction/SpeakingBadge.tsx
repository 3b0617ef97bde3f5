import { useT } from '../i18n/useT';

/** 正在发言: a green badge on whoever's voice is heard right now, so a class knows which school is talking. */
export function SpeakingBadge() {
  const t = useT();
  return (
    <span className="badge badge--speaking" data-testid="speaking-indicator">
      {t('speaking.now')}
    </span>
  );
}
