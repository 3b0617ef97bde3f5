import { useSyncExternalStore } from 'react';
import { onNotice } from './notices';

/*
 * 观众: the count the server sends the teacher. Registered with the join
 * (joinLesson imports this), not with the teacher's page: the count comes
 * right after the join reply, possibly before that page's code has loaded.
 */
let viewers = 0;
const listeners = new Set<() => void>();

onNotice('viewersChanged', (notice) => {
  viewers = notice.viewers;
  for (const listener of listeners) listener();
});

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The lesson's viewers now, as last counted by the server (0 until it says otherwise). */
export const useViewerCount = (): number => useSyncExternalStore(subscribe, () => viewers);
