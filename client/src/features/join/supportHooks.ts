import { useInteractionStore } from '../interaction/interactionStore';
import { useLessonStore } from '../lesson/lessonStore';
import { publisher } from '../media/publisher';
import { subscriber } from '../media/subscriber';
import { recoveryCounts } from '../lesson/recoveryCounts';

/**
 * `window.tongtang`, for the end-to-end tests, the bench and support staff in
 * the browser's console: what the page sends and receives (getStats rows),
 * the latency probe's track swap, the class's mute, and the stores. The
 * tests and the bench read these names; they stay as they are.
 */
export function exposeForSupport(): void {
  const media = {
    inboundStats: () => subscriber.inboundStats(),
    outboundStats: () => publisher.outboundStats(),
    published: () => publisher.published(),
    substituteOutgoing: (kind: 'audio' | 'video', track: MediaStreamTrack | null) => publisher.substituteOutgoing(kind, track),
    setMicrophonePaused: (paused: boolean) => publisher.setMicrophonePaused(paused),
  };
  (window as unknown as { tongtang: unknown }).tongtang = { media, store: useLessonStore, interaction: useInteractionStore, recovery: recoveryCounts };
}
