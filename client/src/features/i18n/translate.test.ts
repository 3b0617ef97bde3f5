import { describe, expect, it } from 'vitest';
import { messages, type MessageKey } from './messages';
import { isMessageKey, translate } from './translate';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

describe('translate', () => {
  it('fills placeholders in the chosen language', () => {
    expect(translate('zh-CN', 'teacher.classroomsOnline', { count: 3 })).toBe('在线教室：3');
    expect(translate('en', 'teacher.classroomsOnline', { count: 3 })).toBe('Classrooms online: 3');
  });

  it('recognises failure keys the lesson code sets', () => {
    expect(isMessageKey('error.UNAUTHORIZED')).toBe(true);
    expect(isMessageKey('error.network')).toBe(true);
    expect(isMessageKey('toString')).toBe(false);
  });

  it('uses the same placeholders in both languages, so no value is lost in translation', () => {
    for (const key of Object.keys(messages['zh-CN']) as MessageKey[]) {
      expect(placeholders(messages.en[key]), key).toEqual(placeholders(messages['zh-CN'][key]));
    }
  });
});
