import type { ReactNode } from 'react';
import { useT } from '../i18n/useT';
import { useInteractionStore } from './interactionStore';
import { SpeakingBadge } from './SpeakingBadge';

export interface ParticipantBadgesProps {
  participantId: string | null;
  /** Further badges of the place, e.g. 已固定 on the main view. */
  children?: ReactNode;
}

/** The badges over one picture: 正在发言, 有发言权, 已静音. */
export function ParticipantBadges({ participantId, children }: ParticipantBadgesProps) {
  const t = useT();
  const speaking = useInteractionStore((state) => participantId !== null && state.speaking.includes(participantId));
  const holder = useInteractionStore((state) => participantId !== null && state.floor.holders.includes(participantId));
  const muted = useInteractionStore((state) => participantId !== null && state.floor.muted.includes(participantId));
  if (!speaking && !holder && !muted && !children) return null;
  return (
    <div className="tile-badges">
      {speaking && <SpeakingBadge />}
      {holder && (
        <span className="badge badge--floor" data-testid="floor-badge">
          {t('floor.holderBadge')}
        </span>
      )}
      {muted && (
        <span className="badge badge--muted" data-testid="muted-badge">
          {t('floor.mutedBadge')}
        </span>
      )}
      {children}
    </div>
  );
}
