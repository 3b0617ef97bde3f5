import { describe, expect, it } from 'vitest';
import { adminDictionary } from '../admin/adminMessages';
import { homeMessages } from '../home/homeMessages';
import { loginDictionary } from '../login/loginMessages';
import { teachDictionary } from '../teach/teachMessages';
import { terminalMessages } from '../terminal/terminalMessages';
import { watchMessages } from '../watch/watchMessages';
import { commonMessages } from './commonMessages';
import { translateWith, type Dictionary } from './dictionary';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
const dictionaries: Record<string, Dictionary<string>> = {
  common: commonMessages,
  login: loginDictionary,
  admin: adminDictionary,
  teach: teachDictionary,
  terminal: terminalMessages,
  home: homeMessages,
  watch: watchMessages,
};

describe('the account pages’ dictionaries', () => {
  it('use the same placeholders in both languages, so no value is lost in translation', () => {
    for (const [name, dictionary] of Object.entries(dictionaries)) {
      for (const key of Object.keys(dictionary['zh-CN'])) {
        expect(placeholders(dictionary.en[key] ?? ''), `${name}: ${key}`).toEqual(placeholders(dictionary['zh-CN'][key] ?? ''));
      }
    }
  });

  it('fill placeholders, and fall back to the lesson pages’ words', () => {
    expect(translateWith(terminalMessages, 'zh-CN', 'terminal.waiting')).toBe('等待上课');
    expect(translateWith(terminalMessages, 'en', 'terminal.waiting')).toBe('Waiting for the next lesson');
    expect(translateWith(commonMessages, 'en', 'accounts.signedInAs', { name: 'Wang Li', role: 'Teacher' })).toBe('Wang Li · Teacher');
    expect(translateWith(commonMessages, 'zh-CN', 'error.ADDRESS_REFUSED')).toContain('网络地址');
  });

  it('says the unregistered terminal’s message in the words the schools were promised', () => {
    expect(translateWith(terminalMessages, 'zh-CN', 'terminal.unregistered')).toBe('此终端尚未登记或已被停用，请联系学校管理员');
  });
});
