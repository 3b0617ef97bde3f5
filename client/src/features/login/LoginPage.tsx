import { useEffect, useState } from 'react';
import type { Me, SignedIn } from '@shared';
import { session } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { afterSignIn } from '../accounts/landing';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { ChangePasswordForm } from './ChangePasswordForm';
import { loginDictionary } from './loginMessages';
import { LoginForm } from './LoginForm';
import '../accounts/accounts.css';

type Step = { step: 'checking' } | { step: 'signIn' } | { step: 'change'; me: Me; forced: boolean };

/** Leaves for the page the login was for (or the person's own page); replace, so Back does not return to the form. */
function goOn(me: Me): void {
  window.location.replace(afterSignIn(me, window.location.search, window.location.origin));
}

/**
 * 登录: sign-in name and password, or a bureau's single sign-on. Whoever
 * signs in with a password someone else set (a new account, a reset) changes
 * it here before anything else works; `?change=1` opens the same form for
 * someone who just wants a new one.
 */
export function LoginPage() {
  const t = useDictionary(loginDictionary);
  const [view, setView] = useState<Step>({ step: 'checking' });

  const signedIn = (signed: SignedIn): void => {
    const wantsChange = new URLSearchParams(window.location.search).get('change') === '1' && signed.me.kind === 'account';
    if (signed.me.mustChangePassword || wantsChange) setView({ step: 'change', me: signed.me, forced: signed.me.mustChangePassword });
    else goOn(signed.me);
  };

  useEffect(() => {
    // Already signed in (another tab, single sign-on just now): no form to fill.
    session().then(
      (signed) => (signed ? signedIn(signed) : setView({ step: 'signIn' })),
      () => setView({ step: 'signIn' }),
    );
  }, []);

  return (
    <main className="login-page" data-testid="login-page" data-step={view.step}>
      <div className="login-page__language">
        <LanguageSwitch />
      </div>
      <h1 className="login-page__title">{t('app.title')}</h1>
      {view.step === 'checking' && <p className="account-muted">{t('accounts.loading')}</p>}
      {view.step === 'signIn' && <LoginForm onSignedIn={signedIn} />}
      {view.step === 'change' && <ChangePasswordForm me={view.me} forced={view.forced} onChanged={(signed) => goOn(signed.me)} />}
    </main>
  );
}
