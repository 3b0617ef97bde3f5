import { commonMessages } from '../accounts/commonMessages';
import { joinDictionaries, type Dictionary } from '../accounts/dictionary';
import { adminEn } from './adminMessagesEn';
import { adminZh, type AdminKey } from './adminMessagesZh';

export type { AdminKey };

/** The admin page's words and those every account page shares. */
export const adminDictionary = joinDictionaries<AdminKey, keyof (typeof commonMessages)['en']>({ 'zh-CN': adminZh, en: adminEn } satisfies Dictionary<AdminKey>, commonMessages);
