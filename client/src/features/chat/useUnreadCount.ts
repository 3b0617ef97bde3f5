import { useEffect, useRef, useState } from 'react';
import { useInteractionStore } from '../interaction/interactionStore';
import { arrivedCount } from './unread';

/** Messages that arrived while the chat was closed; back to 0 when it opens. */
export function useUnreadCount(open: boolean): number {
  const [unread, setUnread] = useState(0);
  // Read inside the store listener, which is subscribed once for the component's life.
  const openRef = useRef(open);

  useEffect(() => {
    openRef.current = open;
    if (open) setUnread(0);
  }, [open]);

  useEffect(
    () =>
      useInteractionStore.subscribe((state, previous) => {
        if (openRef.current || state.messages === previous.messages) return;
        const arrived = arrivedCount(previous.messages, state.messages);
        if (arrived > 0) setUnread((count) => count + arrived);
      }),
    [],
  );

  return unread;
}
