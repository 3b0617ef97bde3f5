import { useI18nStore } from './i18nStore';
import { useT } from './useT';

/** One button that names the other language ("English" on the Chinese page, "中文" on the English one). */
export function LanguageSwitch() {
  const t = useT();
  const locale = useI18nStore((state) => state.locale);
  const setLocale = useI18nStore((state) => state.setLocale);
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button type="button" className="language-switch" data-testid="language-switch" lang={other} onClick={() => setLocale(other)}>
      {t('language.other')}
    </button>
  );
}
