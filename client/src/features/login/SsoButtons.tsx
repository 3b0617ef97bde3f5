import { z } from 'zod';
import { api } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { sameOriginPath } from '../accounts/landing';
import { useLoad } from '../accounts/useLoad';
import { loginDictionary } from './loginMessages';

/** The bureaus whose regional platform signs people in here (public: the login page shows them before anyone is signed in). */
const ssoBureausSchema = z.array(z.object({ bureauId: z.string(), bureauName: z.string() }));

/** The platform's sign-in, coming back to where this page was asked to go (`next`, if it is ours; the server checks it again). */
function ssoStart(bureauId: string): string {
  const next = sameOriginPath(new URLSearchParams(window.location.search).get('next'), window.location.origin);
  return `/api/auth/sso/${encodeURIComponent(bureauId)}/start${next ? `?next=${encodeURIComponent(next)}` : ''}`;
}

/** One button per bureau with single sign-on (统一身份认证); none at all on a server without it. */
export function SsoButtons() {
  const t = useDictionary(loginDictionary);
  const bureaus = useLoad(() => api('/auth/sso', ssoBureausSchema, { token: false }), 'sso');
  // Without single sign-on (or when the list cannot be read) the form alone is the way in: nothing to say.
  if (!bureaus.data?.length) return null;
  return (
    <div className="account-form account-form--column" data-testid="sso-buttons">
      <p className="login-card__or">{t('login.or')}</p>
      {bureaus.data.map((bureau) => (
        <a
          key={bureau.bureauId}
          className="sso-button"
          data-testid="sso-button"
          data-bureau-id={bureau.bureauId}
          href={ssoStart(bureau.bureauId)}
        >
          {t('login.sso', { bureau: bureau.bureauName })}
        </a>
      ))}
    </div>
  );
}
