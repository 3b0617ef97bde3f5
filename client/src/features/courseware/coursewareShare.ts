import { create } from 'zustand';
import { publisher } from '../media/publisher';

/** Whether this terminal shares its screen as courseware now, and why it could not. */
export interface CoursewareState {
  sharing: boolean;
  failure: 'denied' | 'error' | null;
}

export const useCoursewareStore = create<CoursewareState>(() => ({ sharing: false, failure: null }));

/**
 * Courseware is captured for legibility: up to 1920×1080 and 15 fps, content
 * hint `text` (sharp edges over smooth motion), and the sender keeps the
 * resolution when the link is weak (see keepResolution in the media service).
 */
const displayConstraints: DisplayMediaStreamOptions = {
  video: { width: { max: 1920 }, height: { max: 1080 }, frameRate: { ideal: 15, max: 15 } },
  audio: false,
};

/** 共享课件: the teacher picks a window, screen or tab showing the slides; every classroom receives it. */
export async function shareCourseware(): Promise<void> {
  let track: MediaStreamTrack | undefined;
  try {
    const stream = await navigator.mediaDevices.getDisplayMedia(displayConstraints);
    track = stream.getVideoTracks()[0];
  } catch (error) {
    const denied = error instanceof DOMException && error.name === 'NotAllowedError';
    useCoursewareStore.setState({ failure: denied ? 'denied' : 'error' });
    return;
  }
  if (!track) return;
  track.contentHint = 'text';
  // The browser's own "stop sharing" bar ends the track: the courseware stops for everyone.
  track.addEventListener('ended', () => void stopCourseware());
  useCoursewareStore.setState({ sharing: true, failure: null });
  await publisher.setLocalSource('courseware', track);
}

export async function stopCourseware(): Promise<void> {
  const track = publisher.localTrack('courseware');
  useCoursewareStore.setState({ sharing: false });
  await publisher.setLocalSource('courseware', null);
  track?.stop();
}
