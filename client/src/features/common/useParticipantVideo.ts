import { cameraPreference, type VideoSource } from '@shared';
import { subscriber } from '../media/subscriber';
import { useLessonStore, type ReceivedTrack } from '../lesson/lessonStore';

export interface ParticipantVideo {
  /** The video received from this participant, once known; tiles tell the server where it is shown. */
  producerId: string | null;
  /** The playable track; null while the consumer is not ready or the sender paused it. */
  track: MediaStreamTrack | null;
}

/** The received video of a participant's source, or of its best camera when no source is named. */
export function pickVideo(received: readonly ReceivedTrack[], participantId: string, source: VideoSource | null): ReceivedTrack | undefined {
  const videos = received.filter((r) => r.participantId === participantId && r.kind === 'video');
  if (source) return videos.find((r) => r.source === source);
  for (const preferred of cameraPreference(participantId)) {
    const found = videos.find((r) => r.source === preferred);
    if (found) return found;
  }
  return undefined;
}

/** A picture this page receives from one participant: a named source, or its best camera. */
export function useParticipantVideo(participantId: string | null, source: VideoSource | null = null): ParticipantVideo {
  const video = useLessonStore((state) => (participantId === null ? undefined : pickVideo(state.received, participantId, source)));
  if (!video) return { producerId: null, track: null };
  const playable = video.ready && !video.paused;
  return { producerId: video.producerId, track: playable ? subscriber.remoteTrack(video.producerId) : null };
}
