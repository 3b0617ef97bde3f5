import { create } from 'zustand';
import type { Locale } from './messages';

const storageKey = 'tongtang.lang';

export interface I18nState {
  locale: Locale;
  /** Switches the language and remembers it on this computer. */
  setLocale(locale: Locale): void;
}

/** `?lang=en` wins (a link can choose), then what this computer chose before, then Chinese. */
function initialLocale(): Locale {
  if (typeof window === 'undefined') return 'zh-CN';
  const fromQuery = new URLSearchParams(window.location.search).get('lang');
  if (fromQuery === 'en' || fromQuery === 'zh-CN') return fromQuery;
  return readStoredLocale() ?? 'zh-CN';
}

// localStorage throws in some privacy modes; the language then lasts only for this page.
function readStoredLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return stored === 'en' || stored === 'zh-CN' ? stored : null;
  } catch {
    return null;
  }
}

function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Not remembered; the switch still applies to this page.
  }
}

export const useI18nStore = create<I18nState>((set) => ({
  locale: initialLocale(),
  setLocale(locale) {
    storeLocale(locale);
    set({ locale });
  },
}));
