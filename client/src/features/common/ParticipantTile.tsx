import type { ReactNode } from 'react';
import type { Participant } from '@shared';
import { useParticipantVideo } from './useParticipantVideo';
import { VideoTile } from './VideoTile';

export interface ParticipantTileProps {
  participant: Participant;
  place: 'main' | 'tile';
  testId: string;
  /** Overrides the participant's name as the label. */
  label?: string;
  className?: string;
  children?: ReactNode;
}

/** Another participant's camera, labelled with their name. */
export function ParticipantTile({ participant, place, testId, label, className, children }: ParticipantTileProps) {
  const { producerId, track } = useParticipantVideo(participant.id);
  return (
    <VideoTile
      track={track}
      label={label ?? participant.name}
      place={place}
      producerId={producerId}
      participantId={participant.id}
      testId={testId}
      className={className}
    >
      {children}
    </VideoTile>
  );
}
