import { useCallback } from 'react';
import { useI18nStore } from './i18nStore';
import type { MessageKey } from './messages';
import { translate, type MessageVars } from './translate';

/** Translates a message key into the current language. */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** `t(key, vars?)` in the current language; components re-render when the language changes. */
export function useT(): Translate {
  const locale = useI18nStore((state) => state.locale);
  return useCallback((key, vars) => translate(locale, key, vars), [locale]);
}
