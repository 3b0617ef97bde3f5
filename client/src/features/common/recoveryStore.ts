import { create } from 'zustand';
import { onNotice } from '../lesson/notices';
import { useLessonStore } from '../lesson/lessonStore';

/** What the server is recovering from now, as the lesson page's banners show it. */
export interface RecoveryState {
  /** The lesson's media server died and none could be started yet (the server keeps trying). */
  mediaUnavailable: boolean;
  /** Live state (Redis) is away: hands, floor and chat answer "unavailable" until it is back. */
  liveStateDown: boolean;
}

export const useRecoveryStore = create<RecoveryState>(() => ({ mediaUnavailable: false, liveStateDown: false }));

onNotice('mediaUnavailable', () => useRecoveryStore.setState({ mediaUnavailable: true }));
onNotice('mediaRestart', () => useRecoveryStore.setState({ mediaUnavailable: false }));
onNotice('liveStateChanged', ({ available }) => useRecoveryStore.setState({ liveStateDown: !available }));

// A join that succeeds had a router and read Redis: whatever this page missed while it was away is over.
useLessonStore.subscribe((state, previous) => {
  if (state.phase === 'joined' && previous.phase !== 'joined') useRecoveryStore.setState({ mediaUnavailable: false, liveStateDown: false });
});
