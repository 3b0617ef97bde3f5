import { useState, type FormEvent } from 'react';
import { ErrorCode, LessonError, signedInSchema, type Me, type SignedIn } from '@shared';
import { api, setSession } from '../auth/session';
import { errorText } from '../accounts/apiError';
import { useDictionary } from '../accounts/dictionary';
import { Field } from '../accounts/Field';
import { afterSignIn } from '../accounts/landing';
import { CardSubmit } from './CardSubmit';
import { loginDictionary, type LoginKey } from './loginMessages';
import { passwordProblem } from './passwordRules';

const changeWording: Partial<Record<ErrorCode, LoginKey>> = {
  [ErrorCode.Unauthorized]: 'password.error.UNAUTHORIZED',
  [ErrorCode.BadRequest]: 'password.error.BAD_REQUEST',
};

/**
 * The current password and the new one twice. Forced after a first sign-in
 * (nothing else works until it is done); otherwise it can be left with 暂不修改.
 */
export function ChangePasswordForm({ me, forced, onChanged }: { me: Me; forced: boolean; onChanged(signed: SignedIn): void }) {
  const t = useDictionary(loginDictionary);
  const [fields, setFields] = useState({ current: '', next: '', again: '' });
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const field = (name: keyof typeof fields) => ({
    value: fields[name],
    onChange: (event: { target: { value: string } }) => setFields((previous) => ({ ...previous, [name]: event.target.value })),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = passwordProblem(fields);
    if (local) return setProblem(t(local));
    setPending(true);
    setProblem(null);
    try {
      const signed = await api('/auth/password', signedInSchema, { body: { current: fields.current, next: fields.next } });
      // The server starts a fresh session with the new password; the old token is of no use any more.
      setSession(signed);
      onChanged(signed);
    } catch (error) {
      const own = error instanceof LessonError ? changeWording[error.code] : undefined;
      setProblem(own ? t(own) : errorText(t, error));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="login-card">
      <form className="account-form account-form--column" data-testid="change-password-form" data-forced={forced} onSubmit={(event) => void submit(event)} noValidate>
        <h2 className="login-card__title">{t('password.title')}</h2>
        <p className="account-muted">{t('accounts.signedInAs', { name: me.name, role: t(`role.${me.role}`) })}</p>
        {forced && <p className="shown-once__hint">{t('password.firstLogin')}</p>}
        <Field label={t('password.current')} testId="password-current" type="password" autoComplete="current-password" autoFocus {...field('current')} />
        <Field label={t('password.next')} testId="password-next" type="password" autoComplete="new-password" minLength={10} {...field('next')} />
        <Field label={t('password.again')} testId="password-again" type="password" autoComplete="new-password" minLength={10} {...field('again')} />
        <CardSubmit problem={problem} problemTestId="password-error" label={t(pending ? 'password.saving' : 'password.submit')} testId="password-submit" pending={pending} />
        {!forced && (
          <a className="account-bar__link" href={afterSignIn(me, window.location.search, window.location.origin)} data-testid="password-skip">
            {t('password.skip')}
          </a>
        )}
      </form>
    </section>
  );
}
