import type { ReactNode } from 'react';
import type { Participant, VideoPlace, VideoSource } from '@shared';
import { useParticipantVideo } from './useParticipantVideo';
import { VideoTile } from './VideoTile';
import { useLessonStore } from '../lesson/lessonStore';
import { useT } from '../i18n/useT';

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

/** Another participant's camera, labelled with their name; while its connection is being restored it says so over its last picture. */
export function ParticipantTile({ participant, place, source = null, testId, label, className, children }: ParticipantTileProps) {
  const t = useT();
  const { producerId, track } = useParticipantVideo(participant.id, source);
  const shownSource = useLessonStore((state) => state.received.find((r) => r.producerId === producerId)?.source ?? source);
  const reconnecting = useLessonStore((state) => state.reconnecting.includes(participant.id));
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
      {reconnecting && (
        <div className="tile-reconnecting" role="status" data-testid="tile-reconnecting">
          {t('participant.reconnecting')}
        </div>
      )}
      {children}
    </VideoTile>
  );
}
