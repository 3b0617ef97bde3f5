import type { ErrorCode } from '@shared';
import { messages, type Locale, type MessageKey } from './messages';

/** Values filled into a message's `{name}` placeholders. */
export type MessageVars = Record<string, string | number>;

/** The message for `key` in `locale`, with its placeholders filled in; an unknown placeholder stays visible. */
export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const text = messages[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = vars[name];
    return value === undefined ? placeholder : String(value);
  });
}

/** Whether a string from elsewhere (e.g. the lesson store's `failure`) names a message. */
export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(messages['zh-CN'], value);
}

/** The message key of a protocol error code; a code without a message is a compile error here. */
export function errorMessageKey(code: ErrorCode): MessageKey {
  return `error.${code}`;
}
