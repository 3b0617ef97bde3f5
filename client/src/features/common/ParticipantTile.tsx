import type { ReactNode } from 'react';
import type { Participant, VideoPlace, VideoSource } from '@shared';
import { useParticipantVideo } from './useParticipantVideo';
import { VideoTile } from './VideoTile';
import { useLessonStore } from '../lesson/lessonStore';

export interface ParticipantTileProps {
  participant: Participant;
  place: Exclude<VideoPlace, 'hidden'>;
  /** Which picture of the participant; their best camera when not given. */
  source?: VideoSource | null;
  testId: string;
  /** Overrides the participant's name as the label. */
  label?: string;
  className?: string;
  children?: ReactNode;
}

/** Another participant's camera, labelled with their name. */
export function ParticipantTile({ participant, place, source = null, testId, label, className, children }: ParticipantTileProps) {
  const { producerId, track } = useParticipantVideo(participant.id, source);
  const shownSource = useLessonStore((state) => state.received.find((r) => r.producerId === producerId)?.source ?? source);
  return (
    <VideoTile
      track={track}
      label={label ?? participant.name}
      place={place}
      producerId={producerId}
      participantId={participant.id}
      source={shownSource}
      testId={testId}
      className={className}
    >
      {children}
    </VideoTile>
  );
}
