import { media } from '../media/mediaService';
import { useLessonStore } from '../lesson/lessonStore';

export interface ParticipantVideo {
  /** The camera producer received from this participant, once known; tiles tell the server where it is shown. */
  producerId: string | null;
  /** The playable track; null while the consumer is not ready or the sender paused the camera. */
  track: MediaStreamTrack | null;
}

/** The camera picture this page receives from one participant. */
export function useParticipantVideo(participantId: string | null): ParticipantVideo {
  const camera = useLessonStore((state) =>
    participantId === null
      ? undefined
      : state.received.find(
          (received) => received.participantId === participantId && received.kind === 'video' && received.source === 'camera',
        ),
  );
  if (!camera) return { producerId: null, track: null };
  const playable = camera.ready && !camera.paused;
  return { producerId: camera.producerId, track: playable ? media.remoteTrack(camera.producerId) : null };
}
