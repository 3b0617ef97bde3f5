import { useEffect, useState } from 'react';
import type { Me } from '@shared';
import { session } from '../auth/session';
import { loginAddress } from './landing';

export type SignedInState = { phase: 'checking' } | { phase: 'signedIn'; me: Me } | { phase: 'failed'; error: unknown } | { phase: 'leaving' };

/**
 * The person this page is signed in as. A page that needs one sends whoever
 * has none (or still has to change a password someone else set) to the login
 * page, which brings them back here afterwards.
 */
export function useSignedIn(options: { required: boolean }): SignedInState {
  const [state, setState] = useState<SignedInState>({ phase: 'checking' });
  const { required } = options;
  useEffect(() => {
    let current = true;
    session().then(
      (signed) => {
        if (!current) return;
        if (required && (!signed || signed.me.mustChangePassword)) {
          setState({ phase: 'leaving' });
          window.location.replace(loginAddress(window.location.pathname + window.location.search + window.location.hash));
          return;
        }
        setState(signed ? { phase: 'signedIn', me: signed.me } : { phase: 'failed', error: null });
      },
      (error: unknown) => current && setState({ phase: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [required]);
  return state;
}

/** Sends the page to the login page (its session ended while it was open). */
export function leaveForLogin(): void {
  // The login page itself has nowhere to send anyone.
  if (window.location.pathname.startsWith('/login')) return;
  window.location.replace(loginAddress(window.location.pathname + window.location.search + window.location.hash));
}
