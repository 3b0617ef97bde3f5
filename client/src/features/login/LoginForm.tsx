import { useState, type FormEvent } from 'react';
import { ErrorCode, LessonError, type SignedIn } from '@shared';
import { signIn } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { errorText } from '../accounts/apiError';
import { Field } from '../accounts/Field';
import { CardSubmit } from './CardSubmit';
import { loginDictionary, type LoginKey, type LoginTranslate } from './loginMessages';
import { SsoButtons } from './SsoButtons';

/** Codes a sign-in answers with that deserve their own words (a wrong password is not "not signed in"). */
const signInWording: Partial<Record<ErrorCode, LoginKey>> = {
  [ErrorCode.Unauthorized]: 'login.error.UNAUTHORIZED',
  [ErrorCode.Forbidden]: 'login.error.FORBIDDEN',
  [ErrorCode.RateLimited]: 'login.error.RATE_LIMITED',
  [ErrorCode.Unavailable]: 'login.error.UNAVAILABLE',
};

function signInError(t: LoginTranslate, error: unknown): string {
  const own = error instanceof LessonError ? signInWording[error.code] : undefined;
  return own ? t(own) : errorText(t, error);
}

/** The sign-in name and password, one big 登录 button, and the bureaus' single sign-on below. */
export function LoginForm({ onSignedIn }: { onSignedIn(signed: SignedIn): void }) {
  const t = useDictionary(loginDictionary);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(() => ssoProblem(t));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!login.trim() || !password) return setProblem(t('login.error.empty'));
    setPending(true);
    setProblem(null);
    try {
      onSignedIn(await signIn(login.trim(), password));
    } catch (error) {
      setProblem(signInError(t, error));
      setPassword('');
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="login-card">
      <form className="account-form account-form--column" data-testid="login-form" onSubmit={(event) => void submit(event)} noValidate>
        <h2 className="login-card__title">{t('login.title')}</h2>
        <Field
          label={t('login.login')}
          hint={t('login.loginHint')}
          testId="login-name"
          name="username"
          autoComplete="username"
          autoFocus
          value={login}
          onChange={(event) => setLogin(event.target.value)}
        />
        <Field
          label={t('login.password')}
          testId="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <CardSubmit problem={problem} problemTestId="login-error" label={t(pending ? 'login.signingIn' : 'login.submit')} testId="login-submit" pending={pending} />
      </form>
      <SsoButtons />
      <p className="account-hint">{t('login.terminalHint')}</p>
    </section>
  );
}

/** Single sign-on comes back to `/login?error=…` when the regional platform or the mapping refused. */
function ssoProblem(t: LoginTranslate): string | null {
  const reason = new URLSearchParams(window.location.search).get('error');
  if (!reason) return null;
  // A code of ours (ADDRESS_REFUSED, FORBIDDEN …) says it best; anything else (the platform's own words) is shown as it came.
  const code = Object.values(ErrorCode).find((known) => known === reason);
  return code ? signInError(t, new LessonError(code, reason)) : t('login.error.sso', { reason });
}
