import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useT } from '../i18n/useT';

/** What someone sees without a teacher's or classroom's link: where to get one. */
export function HomePage() {
  const t = useT();
  return (
    <main className="home-page" data-testid="home-page">
      <div className="home-page__language">
        <LanguageSwitch />
      </div>
      <h1 className="home-page__title">{t('app.title')}</h1>
      <p className="home-page__hint">{t('home.hint')}</p>
    </main>
  );
}
