import { useCallback, useEffect, useRef, useState } from 'react';
import { isSignedOut } from './apiError';
import { leaveForLogin } from './useSignedIn';

export interface Request {
  /** Runs one API call; its failure becomes `error` (shown beside the control) instead of a rejection. Resolves true on success. */
  run(call: () => Promise<void>): Promise<boolean>;
  pending: boolean;
  /** The last failure, until the next run; translate it with errorText. */
  error: unknown;
}

/** State for a form or button that changes something: busy while its call runs, and why the last one failed. */
export function useRequest(): Request {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async (call: () => Promise<void>): Promise<boolean> => {
    setPending(true);
    setError(null);
    try {
      await call();
      return true;
    } catch (failure) {
      if (isSignedOut(failure)) leaveForLogin();
      if (mounted.current) setError(failure);
      return false;
    } finally {
      if (mounted.current) setPending(false);
    }
  }, []);
  return { run, pending, error };
}
