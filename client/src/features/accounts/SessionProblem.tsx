import { errorText } from './apiError';
import { commonMessages } from './commonMessages';
import { useDictionary } from './dictionary';
import type { SignedInState } from './useSignedIn';

/** What a signed-in page shows before it knows who is signed in: loading, on the way to the login page, or why the session could not be read. */
export function SessionProblem({ state }: { state: SignedInState }) {
  const t = useDictionary(commonMessages);
  if (state.phase === 'checking') return <p className="account-muted">{t('accounts.loading')}</p>;
  if (state.phase === 'leaving') return <p className="account-muted">{t('accounts.redirecting')}</p>;
  if (state.phase === 'signedIn') return null;
  return (
    <p className="form-error" role="alert" data-testid="session-problem">
      {t('accounts.loadFailed', { message: errorText(t, state.error) })}{' '}
      <button type="button" onClick={() => window.location.reload()}>
        {t('accounts.retry')}
      </button>
    </p>
  );
}
