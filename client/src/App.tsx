import { useEffect, type ReactElement } from 'react';
import { useI18nStore } from './features/i18n/i18nStore';

/** The page of the address (see pages.tsx); each link opens exactly one page for the life of the tab. */
export function App({ page }: { page: ReactElement }) {
  const locale = useI18nStore((state) => state.locale);

  // Screen readers and the browser's own translate offer follow the page's language.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return page;
}
