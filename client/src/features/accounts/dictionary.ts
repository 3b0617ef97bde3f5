import { useCallback } from 'react';
import { useI18nStore } from '../i18n/i18nStore';
import type { Locale, MessageKey } from '../i18n/messages';
import { translate, type MessageVars } from '../i18n/translate';

/**
 * The account pages' own words (login, administration, a teacher's lessons,
 * the terminal's waiting screen) live in dictionaries of their own, loaded
 * with those pages' chunks: a lesson page never downloads them.
 */
export type Dictionary<K extends string> = Record<Locale, Record<K, string>>;

/** Translates a page's own key, or any key of the lesson pages' dictionary. */
export type PageTranslate<K extends string> = (key: K | MessageKey, vars?: MessageVars) => string;

/** The message for `key` from `dictionary`, falling back to the main dictionary; placeholders as `translate` fills them. */
export function translateWith<K extends string>(dictionary: Dictionary<K>, locale: Locale, key: K | MessageKey, vars?: MessageVars): string {
  const own = dictionary[locale] as Record<string, string>;
  if (!Object.hasOwn(own, key)) return translate(locale, key as MessageKey, vars);
  const text = own[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = vars[name];
    return value === undefined ? placeholder : String(value);
  });
}

/** `t(key, vars?)` over a page's dictionary (and the main one) in the current language. */
export function useDictionary<K extends string>(dictionary: Dictionary<K>): PageTranslate<K> {
  const locale = useI18nStore((state) => state.locale);
  return useCallback((key, vars) => translateWith(dictionary, locale, key, vars), [dictionary, locale]);
}

/** Two dictionaries as one (a page's own and the words every account page shares). */
export function joinDictionaries<A extends string, B extends string>(a: Dictionary<A>, b: Dictionary<B>): Dictionary<A | B> {
  return { 'zh-CN': { ...a['zh-CN'], ...b['zh-CN'] }, en: { ...a.en, ...b.en } } as Dictionary<A | B>;
}
