import { useSyncExternalStore } from 'react';
import { cameraPreference, type VideoSource } from '@shared';
import { publisher } from '../media/publisher';
import { useLessonStore } from '../lesson/lessonStore';

// Module-level so React does not resubscribe on every render; wrapped so `this` stays the media service.
const subscribe = (listener: () => void): (() => void) => publisher.subscribe(listener);

/** One of this computer's own pictures (a named source, or its best camera), for the self view; null until it opens. */
export function useLocalVideoTrack(source: VideoSource | null = null): MediaStreamTrack | null {
  const selfId = useLessonStore((state) => state.self?.id ?? null);
  const pick = (): MediaStreamTrack | null => {
    if (source) return publisher.localTrack(source);
    for (const preferred of cameraPreference(selfId ?? 'classroom')) {
      const track = publisher.localTrack(preferred);
      if (track) return track;
    }
    return null;
  };
  return useSyncExternalStore(subscribe, pick);
}
