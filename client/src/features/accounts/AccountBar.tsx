import { scopeOf, type Me } from '@shared';
import { signOut } from '../auth/session';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { commonMessages } from './commonMessages';
import { useDictionary } from './dictionary';
import { loginAddress } from './landing';

/** The top of every account page: the page's name, who is signed in, 修改密码, 退出登录, and the language. */
export function AccountBar({ title, me }: { title: string; me: Me | null }) {
  const t = useDictionary(commonMessages);
  const here = window.location.pathname + window.location.search;
  return (
    <header className="account-bar">
      <a className="account-bar__home" href="/">
        {t('app.title')}
      </a>
      <h1 className="account-bar__title">{title}</h1>
      <div className="account-bar__actions">
        {me && scopeOf('recording.view', me.role) !== null && window.location.pathname !== '/library' && (
          <a className="account-bar__link" href="/library" data-testid="library-link">
            {t('accounts.library')}
          </a>
        )}
        {me && scopeOf('timetable.read', me.role) !== null && window.location.pathname !== '/timetable' && (
          <a className="account-bar__link" href="/timetable" data-testid="timetable-link">
            {t('accounts.timetable')}
          </a>
        )}
        {me && scopeOf('broadcast.read', me.role) !== null && window.location.pathname !== '/broadcasts' && (
          <a className="account-bar__link" href="/broadcasts" data-testid="broadcasts-link">
            {t('accounts.broadcasts')}
          </a>
        )}
        {me && (
          <>
            <span className="account-bar__who" data-testid="signed-in-as" data-role={me.role}>
              {t('accounts.signedInAs', { name: me.name, role: t(`role.${me.role}`) })}
              {me.schoolName ? ` · ${me.schoolName}` : ''}
            </span>
            {me.kind === 'account' && (
              <a className="account-bar__link" href={loginAddress(here, { change: '1' })} data-testid="change-password-link">
                {t('accounts.changePassword')}
              </a>
            )}
            <button type="button" data-testid="sign-out" onClick={() => void signOut().then(() => window.location.assign('/login'))}>
              {t('accounts.signOut')}
            </button>
          </>
        )}
        <LanguageSwitch />
      </div>
    </header>
  );
}
