import { useSyncExternalStore } from 'react';
import { media } from '../media/mediaService';

// Module-level so React does not resubscribe on every render; wrapped so `this` stays the media service.
const subscribe = (listener: () => void): (() => void) => media.subscribe(listener);
const getLocalVideoTrack = (): MediaStreamTrack | null => media.localVideoTrack();

/** This computer's own camera track, for the self view; null until (or unless) the camera opens. */
export function useLocalVideoTrack(): MediaStreamTrack | null {
  return useSyncExternalStore(subscribe, getLocalVideoTrack);
}
