import { scopeOf, type Me } from '@shared';
import { signOut } from '../auth/session';
import { commonMessages } from '../accounts/commonMessages';
import { joinDictionaries, useDictionary } from '../accounts/dictionary';
import { SessionProblem } from '../accounts/SessionProblem';
import { useSignedIn } from '../accounts/useSignedIn';
import { tabsFor } from '../admin/adminTabs';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { homeMessages } from './homeMessages';
import '../accounts/accounts.css';

const homeDictionary = joinDictionaries(homeMessages, commonMessages);

/** The pages a signed-in person has here, by what the permission table lets their role do. */
function pagesOf(me: Me): Array<{ href: string; label: 'home.admin' | 'home.teach' | 'home.terminal' | 'home.watch'; testId: string }> {
  const pages: ReturnType<typeof pagesOf> = [];
  if (tabsFor(me.role).length > 0) pages.push({ href: '/admin', label: 'home.admin', testId: 'home-admin' });
  if (scopeOf('lesson.create', me.role) !== null) pages.push({ href: '/teach', label: 'home.teach', testId: 'home-teach' });
  if (me.kind === 'terminal') pages.push({ href: '/t', label: 'home.terminal', testId: 'home-terminal' });
  if (me.kind === 'guest' && me.lessonId) pages.push({ href: `/lesson/${encodeURIComponent(me.lessonId)}/watch`, label: 'home.watch', testId: 'home-watch' });
  return pages;
}

/** The start page: who is signed in and their pages; or a big 登录 and how classroom terminals get in. */
export function HomePage() {
  const t = useDictionary(homeDictionary);
  const signed = useSignedIn({ required: false });
  const me = signed.phase === 'signedIn' ? signed.me : null;
  return (
    <main className="home-page" data-testid="home-page" data-signed-in={me !== null}>
      <div className="home-page__language">
        <LanguageSwitch />
      </div>
      <h1 className="home-page__title">{t('app.title')}</h1>
      {signed.phase === 'checking' && <SessionProblem state={signed} />}
      {signed.phase === 'failed' && (signed.error === null ? <SignedOut /> : <SessionProblem state={signed} />)}
      {me && (
        <>
          <p className="home-page__hint" data-testid="home-who">
            {t('home.welcome', { name: me.name })} · {t(`role.${me.role}`)}
            {me.schoolName ? ` · ${me.schoolName}` : ''}
          </p>
          <nav className="account-panel__row" aria-label={t('app.title')}>
            {pagesOf(me).map((page) => (
              <a key={page.href} className="link-button" href={page.href} data-testid={page.testId}>
                {t(page.label)}
              </a>
            ))}
          </nav>
          {pagesOf(me).length === 0 && <p className="account-muted">{t('home.nothingHere')}</p>}
          <button type="button" data-testid="sign-out" onClick={() => void signOut().then(() => window.location.reload())}>
            {t('accounts.signOut')}
          </button>
        </>
      )}
    </main>
  );
}

function SignedOut() {
  const t = useDictionary(homeDictionary);
  return (
    <>
      <p className="home-page__hint">{t('home.signInHint')}</p>
      <a className="link-button link-button--home" href="/login" data-testid="home-sign-in">
        {t('home.signIn')}
      </a>
      <p className="account-hint home-page__terminal-hint">{t('home.terminalHint')}</p>
    </>
  );
}
