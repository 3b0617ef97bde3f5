import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../i18n/messages';
import { failureMessageKey } from './actionFailure';

/** How long a failure stays on screen: long enough to read aloud, gone before it is mistaken for a new problem. */
const ERROR_SHOWN_MS = 10_000;

export interface Action {
  /** Runs one request; a failure becomes `error` (a message key) instead of a rejection. Resolves true on success. */
  run(request: () => Promise<void>): Promise<boolean>;
  pending: boolean;
  error: MessageKey | null;
}

/** State for one control that sends a request: busy while it runs, and the message of its last failure. */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  // Replies may arrive after the control is gone (e.g. a hand lowered by another click); do not set state then.
  const mounted = useRef(true);
  const clearTimer = useRef<number | undefined>(undefined);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      window.clearTimeout(clearTimer.current);
    };
  }, []);

  const run = useCallback(async (request: () => Promise<void>): Promise<boolean> => {
    window.clearTimeout(clearTimer.current);
    setPending(true);
    setError(null);
    try {
      await request();
      return true;
    } catch (failure) {
      if (mounted.current) {
        setError(failureMessageKey(failure));
        clearTimer.current = window.setTimeout(() => setError(null), ERROR_SHOWN_MS);
      }
      return false;
    } finally {
      if (mounted.current) setPending(false);
    }
  }, []);

  return { run, pending, error };
}
