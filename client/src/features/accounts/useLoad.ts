import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { isSignedOut } from './apiError';
import { leaveForLogin } from './useSignedIn';

export interface Loaded<T> {
  /** What the current `key` loaded (null while it loads for the first time, or after a failure). */
  data: T | null;
  error: unknown;
  loading: boolean;
  /** Loads again (after a change the list must show); the old data stays on screen meanwhile. */
  reload(): void;
}

interface Reply<T> {
  key: string;
  data: T | null;
  error: unknown;
  loading: boolean;
}

/**
 * What one API read returns, loaded when the component appears and again
 * whenever `key` changes (a school picked). An older reply that arrives after
 * a newer request is dropped, and data loaded for another key is never
 * shown, so a quick second pick never shows the first pick's list. A session
 * that ended sends the page to the login page.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [reply, setReply] = useState<Reply<T>>({ key, data: null, error: null, loading: true });
  const [round, setRound] = useState(0);
  // The latest `load` (it closes over the page's current picks) without making it a reason to load again.
  const run = useEffectEvent(load);
  useEffect(() => {
    let current = true;
    setReply((previous) => ({ ...previous, loading: true }));
    run().then(
      (data) => current && setReply({ key, data, error: null, loading: false }),
      (error: unknown) => {
        if (!current) return;
        if (isSignedOut(error)) leaveForLogin();
        setReply({ key, data: null, error, loading: false });
      },
    );
    return () => {
      current = false;
    };
  }, [key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const mine = reply.key === key;
  return { data: mine ? reply.data : null, error: mine ? reply.error : null, loading: !mine || reply.loading, reload };
}
